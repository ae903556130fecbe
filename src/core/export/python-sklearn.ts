/**
 * scikit-learn pieces of the Python export: the estimator matching each classical learner (with
 * its parameters under scikit-learn's names) and the model's fit-and-score cell.
 */
import { lit, type PythonExportSpec } from './python-types';

/** The scikit-learn estimator for a classical learner, or null when there is none. */
export function sklearnEstimator(learner: string, params: Record<string, unknown>): string | null {
  const num = (key: string, fallback: number): number =>
    typeof params[key] === 'number' ? (params[key] as number) : fallback;
  const depth = (): string => (num('maxDepth', 0) > 0 ? String(num('maxDepth', 0)) : 'None');
  const seed = num('seed', 0);
  switch (learner) {
    case 'logistic-regression':
      return `LogisticRegression(C=${num('c', 1)}, max_iter=${Math.max(1000, num('maxIter', 100))})`;
    case 'linear-regression':
      return 'LinearRegression()';
    case 'ridge':
      return `Ridge(alpha=${num('alpha', 1)})`;
    case 'lasso':
      return `Lasso(alpha=${num('alpha', 1)})`;
    case 'elastic-net':
      return `ElasticNet(alpha=${num('alpha', 1)}, l1_ratio=${num('l1Ratio', 0.5)})`;
    case 'decision-tree-classifier':
      return `DecisionTreeClassifier(max_depth=${depth()}, random_state=${seed})`;
    case 'decision-tree-regressor':
      return `DecisionTreeRegressor(max_depth=${depth()}, random_state=${seed})`;
    case 'random-forest-classifier':
      return `RandomForestClassifier(n_estimators=${num('nEstimators', 100)}, max_depth=${depth()}, random_state=${seed})`;
    case 'random-forest-regressor':
      return `RandomForestRegressor(n_estimators=${num('nEstimators', 100)}, max_depth=${depth()}, random_state=${seed})`;
    case 'gbdt-classifier':
      return `HistGradientBoostingClassifier(learning_rate=${num('learningRate', 0.1)}, max_iter=${num('maxIter', 100)}, random_state=${seed})`;
    case 'gbdt-regressor':
      return `HistGradientBoostingRegressor(learning_rate=${num('learningRate', 0.1)}, max_iter=${num('maxIter', 100)}, random_state=${seed})`;
    case 'knn-classifier':
      return `KNeighborsClassifier(n_neighbors=${num('k', num('nNeighbors', 5))})`;
    case 'knn-regressor':
      return `KNeighborsRegressor(n_neighbors=${num('k', num('nNeighbors', 5))})`;
    case 'gaussian-nb':
      return 'GaussianNB()';
    case 'multinomial-nb':
      return `MultinomialNB(alpha=${num('alpha', 1)})`;
    case 'svm':
      return `SVC(C=${num('c', 1)}, kernel=${lit(typeof params['kernel'] === 'string' ? params['kernel'] : 'rbf')}, probability=True, random_state=${seed})`;
    default:
      return null;
  }
}

export const SKLEARN_IMPORTS = [
  'from sklearn.compose import ColumnTransformer',
  'from sklearn.ensemble import (HistGradientBoostingClassifier, HistGradientBoostingRegressor,',
  '                              RandomForestClassifier, RandomForestRegressor)',
  'from sklearn.impute import SimpleImputer',
  'from sklearn.linear_model import ElasticNet, Lasso, LinearRegression, LogisticRegression, Ridge',
  'from sklearn.metrics import accuracy_score, r2_score',
  'from sklearn.model_selection import train_test_split',
  'from sklearn.naive_bayes import GaussianNB, MultinomialNB',
  'from sklearn.neighbors import KNeighborsClassifier, KNeighborsRegressor',
  'from sklearn.pipeline import Pipeline',
  'from sklearn.preprocessing import MinMaxScaler, OneHotEncoder, RobustScaler, StandardScaler',
  'from sklearn.svm import SVC',
  'from sklearn.tree import DecisionTreeClassifier, DecisionTreeRegressor',
];

export function sklearnBody(spec: PythonExportSpec, estimator: string): string[] {
  const isClass = spec.task === 'classification';
  return [
    `model = Pipeline([('preprocess', preprocess), ('model', ${estimator})])`,
    'model.fit(x_train, y_train)',
    isClass
      ? "print(f'test accuracy: {accuracy_score(y_test, model.predict(x_test)):.4f}')"
      : "print(f'test R2: {r2_score(y_test, model.predict(x_test)):.4f}')",
  ];
}
