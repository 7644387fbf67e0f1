package main

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/viper"
)

// A made-up corpus in the corpora JSONL shape: offsets are code points.
const evalGeoCorpus = `{"id":"g1","text":"Fires burned near Paris, Texas, and in Dallas on Monday.","dct":null,"toponyms":[{"start":18,"end":23,"text":"Paris","lat":33.66094,"lon":-95.55551},{"start":25,"end":30,"text":"Texas","lat":31.25044,"lon":-99.25061},{"start":39,"end":45,"text":"Dallas","lat":32.78306,"lon":-96.80667}]}
{"id":"g2","text":"Ukrainian forces retook Izium and Hrakove.","dct":"2022-09-14","toponyms":[{"start":24,"end":29,"text":"Izium","lat":49.20697,"lon":37.27679,"geonameid":707292},{"start":34,"end":41,"text":"Hrakove","lat":49.5,"lon":36.5}]}
`

func runGeoCmd(t *testing.T, train bool, args ...string) (string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	a := &app{stdin: strings.NewReader(""), stdout: &out, stderr: &errb, v: viper.New()}
	cmd := a.evalGeoCommand()
	if train {
		cmd = a.trainResolverCommand()
	}
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	err := cmd.Execute()
	return out.String(), err
}

func TestGeoScores(t *testing.T) {
	s := &geoScores{Errors: []float64{0, 10, 100, 1000, maxErrorKm}, Unresolved: 1}
	if got := s.accuracy161(); got != 0.6 {
		t.Errorf("acc@161 = %v", got)
	}
	mean, med := s.meanMedian()
	if math.Abs(mean-(1110+maxErrorKm)/5.0) > 1e-9 || med != 100 {
		t.Errorf("mean %v median %v", mean, med)
	}
	// All perfect: AUC 0; all at the largest error: AUC 1.
	if a := (&geoScores{Errors: []float64{0, 0, 0}}).auc(); a != 0 {
		t.Errorf("perfect AUC = %v", a)
	}
	if a := (&geoScores{Errors: []float64{maxErrorKm, maxErrorKm}}).auc(); math.Abs(a-1) > 1e-3 {
		t.Errorf("worst AUC = %v", a)
	}
	if a := s.auc(); a <= 0 || a >= 1 {
		t.Errorf("AUC = %v", a)
	}
}

func TestEvalGeoCommand(t *testing.T) {
	dir := t.TempDir()
	corpus := filepath.Join(dir, "c.jsonl")
	if err := os.WriteFile(corpus, []byte(evalGeoCorpus), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runGeoCmd(t, false, "--corpus", corpus, "--gold-spans")
	if err != nil {
		t.Fatal(err)
	}
	// Paris, Texas, Dallas and Izium right; Hrakove too, from the
	// postal-code places of the embedded gazetteer.
	for _, want := range []string{"5 toponyms scored (0 unresolved", "acc@161km 1.000", "right country 100.0% (100.0% of those resolved", "100.0% of gold toponyms have a candidate"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if _, err := runGeoCmd(t, false); err == nil {
		t.Error("no --corpus accepted")
	}

	// Train on it, and score with the trained weights: same bytes twice.
	w1, w2 := filepath.Join(dir, "w1.json"), filepath.Join(dir, "w2.json")
	for _, w := range []string{w1, w2} {
		if _, err := runGeoCmd(t, true, "--corpus", corpus, "--out", w, "--iterations", "50"); err != nil {
			t.Fatal(err)
		}
	}
	b1, _ := os.ReadFile(w1)
	b2, _ := os.ReadFile(w2)
	if len(b1) == 0 || !bytes.Equal(b1, b2) {
		t.Error("train resolver is not deterministic")
	}
	out, err = runGeoCmd(t, false, "--corpus", corpus, "--gold-spans", "--resolver", w1)
	if err != nil || !strings.Contains(out, "5 toponyms scored") {
		t.Errorf("with --resolver: %v\n%s", err, out)
	}
}

// On the development corpora, when present: resolution alone stays near
// the figures reported (floors well below them, to catch a broken ranker
// rather than noise).
func TestEvalGeoDevCorpora(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	for _, c := range []struct {
		path  string
		floor float64
	}{
		{"../../../shared/corpora/tr-news/tr-news.jsonl", 0.66},
		{"../../../shared/corpora/geovirus/geovirus.jsonl", 0.64},
	} {
		if _, err := os.Stat(c.path); err != nil {
			t.Skipf("corpus not available: %v", err)
		}
		out, err := runGeoCmd(t, false, "--corpus", c.path, "--gold-spans")
		if err != nil {
			t.Fatal(err)
		}
		i := strings.Index(out, "acc@161km ")
		if i < 0 {
			t.Fatalf("no acc@161km in\n%s", out)
		}
		var acc float64
		if _, err := fmtSscan(out[i+len("acc@161km "):], &acc); err != nil || acc < c.floor {
			t.Errorf("%s: acc@161km %v (%v), want ≥ %v\n%s", c.path, acc, err, c.floor, out)
		}
	}
}

func fmtSscan(s string, v *float64) (int, error) { return fmt.Sscan(s, v) }
