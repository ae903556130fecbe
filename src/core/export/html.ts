/**
 * The exported single-file prediction page. It loads an export's model.json, weights.bin and
 * metadata.json chosen by the person (nothing is fetched, so it works offline and from file://),
 * builds a form from the model's input columns and shows class probabilities for a row.
 *
 * Invariants: the page embeds no user data; every name it shows comes from the chosen files and
 * is written with `textContent`, never as HTML. Its few strings come in English and Simplified
 * Chinese, picked from the browser's language, as the app's catalogues would.
 */
import { HTML_RUNTIME_JS } from './html-runtime';

const STRINGS = {
  en: {
    title: 'Fitlab model: predict offline',
    intro:
      'Choose the model.json, weights.bin and metadata.json files of a Fitlab export. Nothing leaves this page.',
    files: 'Export files',
    predict: 'Predict',
    klass: 'Class',
    probability: 'Probability',
    value: 'Predicted value',
    missingFiles: 'Choose all three files: model.json, weights.bin and metadata.json.',
    failed: 'This page cannot run the model: ',
  },
  'zh-CN': {
    title: 'Fitlab 模型：离线预测',
    intro: '选择 Fitlab 导出的 model.json、weights.bin 和 metadata.json 文件。数据不会离开本页面。',
    files: '导出文件',
    predict: '预测',
    klass: '类别',
    probability: '概率',
    value: '预测值',
    missingFiles: '请选择全部三个文件：model.json、weights.bin 和 metadata.json。',
    failed: '本页面无法运行该模型：',
  },
};

const PAGE_JS = String.raw`
var S = STRINGS[(navigator.language || '').toLowerCase().indexOf('zh') === 0 ? 'zh-CN' : 'en'];
document.documentElement.lang = S === STRINGS.en ? 'en' : 'zh-CN';
['title', 'intro', 'files', 'predict'].forEach(function (key) {
  document.querySelectorAll('[data-s="' + key + '"]').forEach(function (el) { el.textContent = S[key]; });
});
var state = null;
var form = document.getElementById('row');
var output = document.getElementById('output');
var message = document.getElementById('message');
function say(text) { message.textContent = text; }
function readAs(file, how) {
  return new Promise(function (resolve, reject) {
    var reader = new FileReader();
    reader.onload = function () { resolve(reader.result); };
    reader.onerror = function () { reject(reader.error); };
    if (how === 'text') reader.readAsText(file); else reader.readAsArrayBuffer(file);
  });
}
document.getElementById('files').addEventListener('change', function (event) {
  var files = Array.prototype.slice.call(event.target.files);
  var find = function (name) { return files.filter(function (f) { return f.name === name; })[0]; };
  var m = find('model.json'), w = find('weights.bin'), d = find('metadata.json');
  if (!m || !w || !d) { say(S.missingFiles); return; }
  Promise.all([readAs(m, 'text'), readAs(w, 'buffer'), readAs(d, 'text')]).then(function (parts) {
    state = { model: JSON.parse(parts[0]), weights: parts[1], metadata: JSON.parse(parts[2]) };
    buildForm();
    say('');
  }).catch(function (error) { say(S.failed + error.message); });
});
function buildForm() {
  form.replaceChildren();
  var fitted = JSON.parse(state.metadata.fittedRecipe);
  fitted.inputColumns.forEach(function (c) {
    if (c.name === fitted.target) return;
    var label = document.createElement('label');
    var name = document.createElement('span');
    name.textContent = c.name;
    var input = document.createElement('input');
    input.name = c.name;
    var d = (state.metadata.defaults || {})[c.name];
    input.value = d === undefined || d === null ? '' : String(d);
    label.append(name, input);
    form.append(label);
  });
  var button = document.createElement('button');
  button.type = 'submit';
  button.textContent = S.predict;
  form.append(button);
}
form.addEventListener('submit', function (event) {
  event.preventDefault();
  if (!state) return;
  var row = {};
  Array.prototype.forEach.call(form.querySelectorAll('input'), function (input) { row[input.name] = input.value; });
  output.replaceChildren();
  try {
    var result = fitlabPredict(state.model, state.weights, state.metadata, row);
    var table = document.createElement('table');
    var head = table.insertRow();
    if (result.probabilities) {
      [S.klass, S.probability].forEach(function (t) { var th = document.createElement('th'); th.textContent = t; head.append(th); });
      result.probabilities.forEach(function (p, i) {
        var tr = table.insertRow();
        tr.insertCell().textContent = state.metadata.schema.classNames[i];
        tr.insertCell().textContent = (100 * p).toFixed(1) + ' %';
      });
    } else {
      var th = document.createElement('th'); th.textContent = S.value; head.append(th);
      table.insertRow().insertCell().textContent = String(result.value);
    }
    output.append(table);
    say('');
  } catch (error) { say(S.failed + error.message); }
});
`;

/** The page as one HTML document; `<` in the scripts is escaped so no text closes the tag. */
export function predictionPage(): string {
  const script =
    `var STRINGS = ${JSON.stringify(STRINGS)};\n${HTML_RUNTIME_JS}\n${PAGE_JS}`.replace(
      /<\//g,
      '<\\/',
    );
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'">
<title>Fitlab</title>
<style>
body { font: 16px system-ui, sans-serif; max-width: 40rem; margin: 2rem auto; padding: 0 1rem; }
label { display: flex; gap: 1rem; justify-content: space-between; margin: 0.3rem 0; }
table { border-collapse: collapse; margin-top: 1rem; } th, td { border: 1px solid #999; padding: 0.2rem 0.6rem; }
</style>
</head>
<body>
<h1 data-s="title"></h1>
<p data-s="intro"></p>
<label><span data-s="files"></span><input id="files" type="file" multiple accept=".json,.bin"></label>
<p id="message" role="status"></p>
<form id="row"></form>
<div id="output" aria-live="polite"></div>
<script>
${script}
</script>
</body>
</html>
`;
}
