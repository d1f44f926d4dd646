export * from './common';
export * from './item-panel';
export * from './workbench';
export * from './intake';
export * from './correction';
export * from './category-attributes';
