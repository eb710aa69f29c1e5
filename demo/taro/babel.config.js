// Taro's Babel preset: React with TypeScript, built by webpack 5.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
};
