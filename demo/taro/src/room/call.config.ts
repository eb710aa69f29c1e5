export default definePageConfig({ navigationBarTitleText: 'Phone' });
