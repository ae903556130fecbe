/**
 * The prediction runtime inlined in the exported HTML page, as JavaScript source: it replays a
 * fitted recipe on one row (the transforms that run at the 'inference' stage) and runs a dense
 * TF.js layers model (model.json + weights.bin) in plain JavaScript, so the page needs no
 * library and no network. Kept as a string so the page is one self-contained file; the unit
 * tests evaluate the same string and compare it with the app's own prediction.
 *
 * `fitlabPredict(modelJson, weights, metadata, row)` returns { probabilities } or { value },
 * or throws an Error whose message names what the page cannot do (a layer or step type).
 */
export const HTML_RUNTIME_JS = String.raw`
var FITLAB_SKIPPED = { dropDuplicates: 1, dropMissingRows: 1, filterRows: 1, randomOversample: 1,
  randomUndersample: 1, smote: 1, gaussianNoise: 1, textAugment: 1, imageAugment: 1,
  classWeights: 1 };

function fitlabReplay(fitted, row) {
  var values = {};
  fitted.inputColumns.forEach(function (c) {
    var cell = row[c.name];
    var missing = cell === undefined || cell === null || String(cell).trim() === '';
    if (c.kind === 'numeric') values[c.name] = missing ? NaN : Number(cell);
    else values[c.name] = missing ? null : String(cell);
  });
  fitted.steps.forEach(function (entry) {
    var step = entry.step, params = entry.params;
    if (!step.enabled || FITLAB_SKIPPED[step.type]) return;
    if (step.type === 'outliers' && step.options.action !== 'clip') return;
    switch (step.type) {
      case 'impute':
        params.indicators.forEach(function (name) {
          var v = values[name];
          values[name + '_missing'] = v === null || (typeof v === 'number' && isNaN(v)) ? 1 : 0;
        });
        params.fills.forEach(function (f) {
          var v = values[f.column];
          if (v === null || v === undefined || (typeof v === 'number' && isNaN(v))) values[f.column] = f.value;
        });
        break;
      case 'standardize': case 'minMax': case 'robustScale':
        params.stats.forEach(function (s) {
          if (typeof values[s.column] === 'number') values[s.column] = (values[s.column] - s.offset) / s.scale;
        });
        break;
      case 'log1p':
        params.columns.forEach(function (c) { values[c] = Math.log1p(values[c]); });
        break;
      case 'outliers':
        params.boxes.forEach(function (b) {
          var v = values[b.column];
          if (typeof v === 'number' && !isNaN(v)) values[b.column] = Math.min(b.upper, Math.max(b.lower, v));
        });
        break;
      case 'dropColumns':
        step.options.columns.forEach(function (c) { delete values[c]; });
        break;
      case 'oneHot':
        params.encodings.forEach(function (e) {
          var v = values[e.column];
          e.categories.forEach(function (cat) { values[e.column + '=' + cat] = v === cat ? 1 : 0; });
          delete values[e.column];
        });
        break;
      case 'ordinalEncode':
        params.encodings.forEach(function (e) {
          var i = e.categories.indexOf(values[e.column]);
          values[e.column] = i >= 0 ? i : step.options.unknown === 'nan' ? NaN : -1;
        });
        break;
      default:
        throw new Error('recipe step ' + step.type);
    }
  });
  return values;
}

var FITLAB_ACTIVATIONS = {
  linear: function (x) { return x; },
  relu: function (x) { return x > 0 ? x : 0; },
  tanh: Math.tanh,
  sigmoid: function (x) { return 1 / (1 + Math.exp(-x)); },
  elu: function (x) { return x > 0 ? x : Math.exp(x) - 1; },
  selu: function (x) { return 1.0507009873554805 * (x > 0 ? x : 1.6732632423543772 * (Math.exp(x) - 1)); },
  gelu: function (x) { return 0.5 * x * (1 + Math.tanh(0.7978845608028654 * (x + 0.044715 * x * x * x))); }
};

function fitlabForward(modelJson, weightBytes, input) {
  var specs = modelJson.weightsManifest[0].weights;
  var tensors = {}, offset = 0;
  specs.forEach(function (s) {
    var size = s.shape.reduce(function (a, b) { return a * b; }, 1);
    tensors[s.name] = new Float32Array(weightBytes.slice(offset, offset + size * 4));
    offset += size * 4;
  });
  var layers = modelJson.modelTopology.config.layers;
  var x = input;
  layers.forEach(function (layer) {
    var type = layer.class_name, config = layer.config;
    if (type === 'InputLayer' || type === 'Dropout' || type === 'Flatten') return;
    if (type !== 'Dense') throw new Error('layer ' + type);
    var kernel = tensors[config.name + '/kernel'], bias = tensors[config.name + '/bias'];
    var units = config.units, out = new Array(units);
    for (var j = 0; j < units; j++) {
      var sum = bias ? bias[j] : 0;
      for (var i = 0; i < x.length; i++) sum += x[i] * kernel[i * units + j];
      out[j] = sum;
    }
    if (config.activation === 'softmax') {
      var max = Math.max.apply(null, out), total = 0;
      out = out.map(function (v) { var e = Math.exp(v - max); total += e; return e; });
      out = out.map(function (v) { return v / total; });
    } else {
      var f = FITLAB_ACTIVATIONS[config.activation];
      if (!f) throw new Error('activation ' + config.activation);
      out = out.map(f);
    }
    x = out;
  });
  return x;
}

function fitlabPredict(modelJson, weightBytes, metadata, row) {
  var fitted = JSON.parse(metadata.fittedRecipe);
  var values = fitlabReplay(fitted, row);
  var input = metadata.schema.features.map(function (name) {
    var v = values[name];
    if (typeof v !== 'number' || isNaN(v)) throw new Error('missing value ' + name);
    return v;
  });
  var out = fitlabForward(modelJson, weightBytes, input);
  if (metadata.task === 'classification') return { probabilities: out };
  var scale = metadata.schema.targetScale;
  return { value: scale ? out[0] * scale.std + scale.mean : out[0] };
}
`;
