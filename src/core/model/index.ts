// Model specs, their parser and the presets. The architecture variants live in ../variants.
export * from './spec';
export * from './parseHfConfig';
export * from './presets';
