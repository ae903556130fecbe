export * from './calibration';
export * from './significance';
export {
  chiSquareSurvival,
  logGamma,
  regularizedBeta,
  regularizedGammaQ,
  studentTTwoSidedP,
} from './special';
