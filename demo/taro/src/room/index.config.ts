export default definePageConfig({ navigationBarTitleText: 'Room' });
