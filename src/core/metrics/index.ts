/** Metric and transform functions of Fitlab, checked against scikit-learn/SciPy references. */
export * from './classification';
export * from './roc';
export * from './precision-recall';
export * from './log-loss';
export * from './regression';
export * from './clustering';
export * from './scaling';
export * from './pca';
export * from './ks';
export { kstwoSf, smirnovSf } from './kolmogorov';
export { inferNumClasses, type Matrix } from './validate';
export {
  compareValues,
  parseOracleFile,
  runOracleCase,
  ORACLE_FUNCTIONS,
  type OracleCase,
  type OracleOutcome,
} from './oracle';
