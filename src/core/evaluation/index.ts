/** Pure helpers behind the Evaluate screen: thresholds, confusion views, text report, bins. */
export * from './threshold';
export * from './confusion';
export * from './report-text';
export * from './histogram';
