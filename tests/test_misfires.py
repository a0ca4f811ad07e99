"""Binding rules that must not misfire: each wiki below is one a reviewer built against a new rule of the binder
(the object a method is called on, demo data, a list of inputs, a new version's name, file follows, the lines
loader, values read from descriptions), where the rule first took the wrong thing. The generated step is checked
for what the wiki means; the rule's own case is tested, run for real, in tests/test_runtime.py."""

from __future__ import annotations

import pytest

from tests.helpers import example_pages, generated

# ---- source2
SOURCE2_INDEX = "\n# Workflow Index: Demo\n\n## Workflow: Demo_Score\n\n**Description:** Load labels, predict, score.\n\n### Step 1: Load\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakeio.read(path: str) -> list` |\n| **Implementation** | `Demo_read` |\n| **Outputs** | `labels` |\n\n### Step 2: Predict\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakeio.predict(labels: list) -> list` |\n| **Implementation** | `Demo_predict` |\n| **Inputs** | `labels` from Step 1 |\n| **Outputs** | `preds` |\n\n### Step 3: Score\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakeio.score(y_true: list, y_pred: list) -> float` |\n| **Implementation** | `Demo_score` |\n| **Inputs** | `preds` from Step 2 |\n| **Outputs** | `accuracy` |\n"
SOURCE2_PAGES = {
    "implementations/Demo_read.md": 'import fakeio\n\nlabels = fakeio.read("labels.txt")\n',
    "implementations/Demo_predict.md": "import fakeio\n\npreds = fakeio.predict(labels)\n",
    "implementations/Demo_score.md": "import fakeio\n\ny_pred = fakeio.predict(labels)\naccuracy = fakeio.score(labels, y_pred)\nprint(accuracy)\n",
}

# ---- rows2
ROWS2_INDEX = "\n# Workflow Index: Demo\n\n## Workflow: Demo_Predict\n\n**Description:** Train, then predict new rows.\n\n### Step 1: Train\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakeml.train(path: str) -> Model` |\n| **Implementation** | `Demo_train` |\n| **Outputs** | `model` |\n\n### Step 2: Predict\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakeml.predict_rows(model: Model, rows: list) -> list` |\n| **Implementation** | `Demo_predict` |\n| **Inputs** | `model` from Step 1 |\n| **Outputs** | `preds` |\n"
ROWS2_PAGES = {
    "implementations/Demo_train.md": 'import fakeml\n\nmodel = fakeml.train("iris.csv")\n',
    "implementations/Demo_predict.md": 'import fakeml\n\nclf = fakeml.train("iris.csv")\npreds = fakeml.predict_rows(clf, [[5.1, 3.5], [6.2, 3.4]])\nprint(preds)\n',
}

# ---- rand
RAND_INDEX = "\n# Workflow Index: Demo\n\n## Workflow: Demo_Predict\n\n**Description:** Train, then predict new rows.\n\n### Step 1: Train\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakeml.train(path: str) -> Model` |\n| **Implementation** | `Demo_train` |\n| **Outputs** | `model` |\n\n### Step 2: Predict\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakeml.predict_rows(model: Model, rows: list) -> list` |\n| **Implementation** | `Demo_predict` |\n| **Inputs** | `model` from Step 1 |\n| **Outputs** | `preds` |\n"
RAND_PAGES = {
    "implementations/Demo_train.md": 'import fakeml\n\nmodel = fakeml.train("iris.csv")\n',
    "implementations/Demo_predict.md": 'import random\nimport fakeml\n\nX_new = [[random.random(), random.random()] for _ in range(3)]\nclf = fakeml.train("iris.csv")\npreds = fakeml.predict_rows(clf, X_new)\nprint(preds)\n',
}

# ---- recv
RECV_INDEX = "\n# Workflow Index: Demo\n\n## Workflow: Demo_Scale\n\n**Description:** Load features, scale them.\n\n### Step 1: Load\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakeskl.load(path)` |\n| **Implementation** | `Demo_load` |\n| **Outputs** | `features` |\n\n### Step 2: Scale\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `StandardScaler.fit_transform(X)` |\n| **Implementation** | `Demo_scale` |\n| **Inputs** | `features` from Step 1 |\n| **Outputs** | `scaled` |\n"
RECV_PAGES = {
    "implementations/Demo_load.md": 'import fakeskl\n\nfeatures = fakeskl.load("features.csv")\n',
    "implementations/Demo_scale.md": "import random\nfrom fakeskl import StandardScaler\n\nX = [[random.random() for _ in range(3)] for _ in range(10)]\nscaler = StandardScaler()\nscaled = scaler.fit_transform(X)\n",
}

# ---- newver
NEWVER_INDEX = "\n# Workflow Index: Demo\n\n## Workflow: Demo_Corr\n\n**Description:** Load, look at correlations, fit.\n\n### Step 1: Load\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakepd.read(path: str) -> Frame` |\n| **Implementation** | `Demo_read` |\n| **Outputs** | `df` |\n\n### Step 2: Correlations\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `Frame.corr() -> Frame` |\n| **Implementation** | `Demo_corr` |\n| **Inputs** | `df` from Step 1 |\n| **Outputs** | Correlation matrix of `df` |\n\n### Step 3: Fit\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakepd.fit(df: Frame) -> str` |\n| **Implementation** | `Demo_fit` |\n| **Inputs** | `df` from Step 1 |\n| **Outputs** | `model` |\n"
NEWVER_PAGES = {
    "implementations/Demo_read.md": 'import fakepd\n\ndf = fakepd.read("data.csv")\n',
    "implementations/Demo_corr.md": "corr = df.corr()\nprint(corr)\n",
    "implementations/Demo_fit.md": "import fakepd\n\nmodel = fakepd.fit(df)\n",
}

# ---- clist
CLIST_INDEX = "\n# Workflow Index: Demo\n\n## Workflow: Demo_Train\n\n**Description:** Build a model and data, train.\n\n### Step 1: Model\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakepl.Model()` |\n| **Outputs** | `lit_model` |\n\n### Step 2: Data\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakepl.Data()` |\n| **Outputs** | `data_module` |\n\n### Step 3: Train\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakepl.Trainer(max_epochs: int, callbacks: list)` |\n| **Implementation** | `Demo_trainer` |\n| **Inputs** | `lit_model` from Step 1, `data_module` from Step 2 |\n| **Outputs** | `trainer` |\n"
CLIST_PAGES = {
    "implementations/Demo_trainer.md": 'import fakepl\n\nearly_stop = fakepl.EarlyStopping(monitor="val_loss")\nslow_stop = fakepl.EarlyStopping(monitor="train_loss")\ntrainer = fakepl.Trainer(max_epochs=3, callbacks=[early_stop, slow_stop])\ntrainer.fit(model, datamodule=dm)\n'
}

# ---- links
LINKS_INDEX = "\n# Workflow Index: Demo\n\n## Workflow: Demo_Files\n\n**Description:** Train, save, evaluate on a held-out file.\n\n### Step 1: Read\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakeio.read(path: str) -> list` |\n| **Implementation** | `Demo_read` |\n| **Outputs** | `rows` |\n\n### Step 2: Train and save\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakeio.train(rows: list) -> dict` |\n| **Implementation** | `Demo_train` |\n| **Inputs** | `rows` from Step 1 |\n| **Outputs** | `model.pkl` and `metrics.csv` on disk |\n\n### Step 3: Evaluate\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakeio.evaluate(model: dict, rows: list) -> str` |\n| **Implementation** | `Demo_eval` |\n| **Inputs** | `model.pkl` file from Step 2; held-out `test.csv` |\n| **Outputs** | `report` |\n"
LINKS_PAGES = {
    "implementations/Demo_read.md": 'import fakeio\n\nrows = fakeio.read("train.csv")\n',
    "implementations/Demo_train.md": 'import fakeio\n\nmodel = fakeio.train(rows)\nfakeio.save(model, "model.pkl")\nfakeio.write_metrics(model, "metrics.csv")\n',
    "implementations/Demo_eval.md": 'import fakeio\n\nmodel = fakeio.load("model.pkl")\ntest_rows = fakeio.read("test.csv")\nreport = fakeio.evaluate(model, test_rows)\nprint(report)\n',
}

# ---- stop
STOP_INDEX = "\n# Workflow Index: Demo\n\n## Workflow: Demo_Gen\n\n**Description:** Load a model, generate for prompts.\n\n### Step 1: Load\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakellm.load(name: str) -> LLM` |\n| **Implementation** | `Demo_load` |\n| **Outputs** | `llm` |\n\n### Step 2: Generate\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `LLM.generate(prompts: List[str], stop: Union[str, List[str]] = None) -> list` |\n| **Implementation** | `Demo_generate` |\n| **Inputs** | `llm` from Step 1; prompts, one per line of a text file |\n| **Key Parameters** | `prompts: List[str]` - the prompts; `stop: Union[str, List[str]]` - stop sequence(s) |\n| **Outputs** | `outputs` |\n"
STOP_PAGES = {
    "implementations/Demo_load.md": 'import fakellm\n\nllm = fakellm.load("tiny")\n',
    "implementations/Demo_generate.md": 'prompts = ["Hello, my name is", "The capital of France is"]\noutputs = llm.generate(prompts, stop="END")\n',
}

# ---- inmem
INMEM_INDEX = '\n# Workflow Index: Demo\n\n## Workflow: Demo_Rows\n\n**Description:** Parse CSV rows and count them.\n\n### Step 1: Parse\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `csv.DictReader(f, delimiter: str = ",")` |\n| **Implementation** | `Demo_reader` |\n| **Key Parameters** | `f` - file object or iterable of lines; `delimiter: str` - field separator |\n| **Outputs** | `rows` |\n\n### Step 2: Count\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `len(rows)` |\n| **Inputs** | `rows` from Step 1 |\n| **Outputs** | `count` |\n'
INMEM_PAGES = {
    "implementations/Demo_reader.md": 'import csv\nimport io\n\nrows = list(csv.DictReader(io.StringIO("name,score\\nann,3\\nbob,5\\n"), delimiter=","))\nprint(rows)\n'
}

# ---- csvdefault
CSVDEFAULT_INDEX = "\n# Workflow Index: Demo\n\n## Workflow: Demo_Csv\n\n**Description:** Read a CSV, summarize it.\n\n### Step 1: Read\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakelib.read(path: str) -> Frame` |\n| **Implementation** | `Demo_read` |\n| **Inputs** | `.csv` file of transactions |\n| **Key Parameters** | `path: str` - `.csv` file of transactions; `layers: list` - 2 or 3 layers |\n| **Outputs** | `frame` |\n\n### Step 2: Summarize\n\n| Attribute | Value |\n|-----------|-------|\n| **API Call** | `fakelib.summary(frame: Frame, layers: list) -> str` |\n| **Implementation** | `Demo_summary` |\n| **Inputs** | `frame` from Step 1 |\n| **Key Parameters** | `layers: list` - 2 or 3 layers |\n| **Outputs** | `summary` |\n"
CSVDEFAULT_PAGES = {
    "implementations/Demo_read.md": 'import fakelib\n\nframe = fakelib.read("sales.csv")\n',
    "implementations/Demo_summary.md": "import fakelib\n\nsummary = fakelib.summary(frame, layers=[64, 32])\n",
}


def _step(tmp_path, index: str, pages: dict, number: int):
    item = generated(tmp_path, {"_WorkflowIndex.md": index, **example_pages(pages)})
    return item.plan.steps[number - 1].binding


CASES = {
    # a cited result the example makes again under another name (`y_pred = predict(labels)`) is read, not unread:
    # the step's own `labels` stays
    "remade under another name": (SOURCE2_INDEX, SOURCE2_PAGES, 3, ["score(labels, preds)"], []),
    # `clf = train("iris.csv")` is step 1's model: the new rows to predict stay the step's
    "rows beside a remade model": (ROWS2_INDEX, ROWS2_PAGES, 2, ["predict_rows(model, rows)"], ["predict_rows(clf"]),
    "random rows beside a remade model": (RAND_INDEX, RAND_PAGES, 2, ["predict_rows(model, X_new)"], []),
    # `scaler = StandardScaler()` is the tool, not a stand-in for step 1's untyped `features`
    "a fresh object of the API's class": (RECV_INDEX, RECV_PAGES, 2, ["scaler.fit_transform(features)"], []),
    # "Correlation matrix of `df`" is made of df, no new df
    "made of the input, not a new version": (NEWVER_INDEX, NEWVER_PAGES, 2, ["corr = df.corr()"], ["df = df.corr()"]),
    # `callbacks=[early_stop, slow_stop]` are objects to work with, not the data the Inputs cite
    "a list of callbacks": (CLIST_INDEX, CLIST_PAGES, 3, ["callbacks=[early_stop, slow_stop]"], []),
    # "`model.pkl` file from Step 2": the held-out `test.csv` follows no file step 2 writes
    "a file of another kind": (LINKS_INDEX, LINKS_PAGES, 3, [], ["follows='step"]),
    # "prompts, one per line of a text file": `stop` is no file
    "a text key the Inputs do not describe": (
        STOP_INDEX,
        STOP_PAGES,
        2,
        ["prompts = loaders.lines(prompts)"],
        ["stop = loaders"],
    ),
    # `csv.DictReader(f)` takes an open file: its in-memory rows are no path key
    "a parameter taking a file object": (INMEM_INDEX, INMEM_PAGES, 1, ["io.StringIO("], []),
}


@pytest.mark.parametrize("case", CASES)
def test_a_rule_does_not_misfire(tmp_path, case):
    index, pages, number, present, absent = CASES[case]
    binding = _step(tmp_path, index, pages, number)
    text = binding.body + repr(binding.params)
    assert all(p in text for p in present) and not any(a in text for a in absent), text


def test_a_description_gives_no_default_of_another_type_nor_a_bare_extension(tmp_path):
    """ "`path: str` - `.csv` file of transactions", "`layers: list` - 2 or 3 layers": no `.csv` default (the
    example's `sales.csv` stays) and no 2 for a list (the example's `[64, 32]` stays)."""
    read, summary = (_step(tmp_path / str(n), CSVDEFAULT_INDEX, CSVDEFAULT_PAGES, n) for n in (1, 2))
    assert [p.default for p in read.params if p.name == "path"] == ["'sales.csv'"], read.params
    assert [p.default for p in summary.params if p.name == "layers"] == ["[64, 32]"], summary.params
