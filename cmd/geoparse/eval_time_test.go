package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/viper"
)

// A made-up two-document corpus in the corpora JSONL shape.
const evalTimeCorpus = `{"id":"d1","dct":"2022-09-14","text":"The president on Wednesday traveled to Kyiv after forces withdrew late last week.","timex":[{"start":17,"end":26,"text":"Wednesday","type":"DATE","value":"2022-09-14"},{"start":68,"end":82,"text":"late last week","type":"DATE","value":"2022-W36"}]}
{"id":"d2","dct":"2022-09-14","text":"The siege lasted six months and ended in March.","timex":[{"start":17,"end":27,"text":"six months","type":"DURATION","value":"P6M"},{"start":41,"end":46,"text":"March","type":"DATE","value":"2022-03"}]}
`

func runEvalTime(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, v: viper.New()}
	cmd := a.evalTimeCommand()
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	err := cmd.Execute()
	return out.String(), err
}

func TestEvalTimeCommand(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "c.jsonl")
	if err := os.WriteFile(corpus, []byte(evalTimeCorpus), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runEvalTime(t, "--corpus", corpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"gold 4, predicted 4", "strict span", "relaxed span", "1.000  1.000  1.000", "value (TempEval-3)", "type accuracy", "value accuracy"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	// --pred scores another system's predictions: one right, one wrong value.
	pred := filepath.Join(dir, "p.jsonl")
	if err := os.WriteFile(pred, []byte(`{"id":"d1","timex":[{"start":17,"end":26,"text":"Wednesday","type":"DATE","value":"2022-09-14"},{"start":73,"end":82,"text":"last week","type":"DATE","value":"2022-W35"}]}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err = runEvalTime(t, "--corpus", corpus, "--pred", pred)
	if err != nil {
		t.Fatal(err)
	}
	// relaxed: 2 matched of 2 predicted, 4 gold; strict 1; value 1.
	for _, want := range []string{"gold 4, predicted 2", "relaxed span            1.000  0.500  0.667", "strict span             0.500  0.250  0.333", "value (TempEval-3)      0.500  0.250  0.333"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}

	if _, err := runEvalTime(t); err == nil {
		t.Error("missing --corpus: no error")
	}
	if _, err := runEvalTime(t, "--corpus", filepath.Join(dir, "missing.jsonl")); err == nil {
		t.Error("missing corpus file: no error")
	}
}
