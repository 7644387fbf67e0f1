package timex

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const corpusDir = "../../../shared/corpora/timebank/"

func TestTimeBank(t *testing.T) {
	floors := map[string]struct{ relaxed, valueF1 float64 }{
		"timebank.jsonl": {0.935, 0.815},
		"aquaint.jsonl":  {0.925, 0.75},
	}
	for _, name := range []string{"timebank.jsonl", "aquaint.jsonl"} {
		path := filepath.Join(corpusDir, name)
		if _, err := os.Stat(path); err != nil {
			t.Skipf("corpus not present: %v", err)
		}
		docs, err := LoadJSONL(path)
		if err != nil {
			t.Fatal(err)
		}
		sc := Evaluate(docs)
		t.Logf("%s: gold %d pred %d | strict P %.3f R %.3f F1 %.3f | relaxed P %.3f R %.3f F1 %.3f | type acc %.3f | value acc %.3f | value P %.3f R %.3f F1 %.3f",
			name, sc.Gold, sc.Predicted, sc.Strict.P, sc.Strict.R, sc.Strict.F1, sc.Relaxed.P, sc.Relaxed.R, sc.Relaxed.F1,
			sc.TypeAcc, sc.ValueAcc, sc.Value.P, sc.Value.R, sc.Value.F1)
		f := floors[name]
		if sc.Relaxed.F1 < f.relaxed || sc.Value.F1 < f.valueF1 {
			t.Errorf("%s: below floor (relaxed F1 %.3f < %.3f or value F1 %.3f < %.3f)", name, sc.Relaxed.F1, f.relaxed, sc.Value.F1, f.valueF1)
		}
		if os.Getenv("TIMEX_DUMP") != "" {
			for _, d := range docs {
				runes := []rune(d.Text)
				ctx := func(e Expr) string {
					if os.Getenv("TIMEX_DUMP") != "2" {
						return ""
					}
					a, b := max(0, e.Start-160), min(len(runes), e.End+60)
					return "\n    ..." + strings.ReplaceAll(string(runes[a:e.Start])+"[["+string(runes[e.Start:e.End])+"]]"+string(runes[e.End:b]), "\n", " ")
				}
				pred := Find(d.Text, d.DCT)
				pairs, missed, spurious := Align(d.Gold, pred)
				for _, p := range pairs {
					if p.Gold.Start != p.Pred.Start || p.Gold.End != p.Pred.End {
						t.Logf("SPAN %s gold %q pred %q", d.ID, p.Gold.Text, p.Pred.Text)
					}
					if p.Gold.Value != p.Pred.Value {
						t.Logf("VAL %s dct %s %q gold %s %s pred %s %s%s", d.ID, d.DCT.Format("2006-01-02 Mon"), p.Gold.Text, p.Gold.Type, p.Gold.Value, p.Pred.Type, p.Pred.Value, ctx(p.Gold))
					}
				}
				for _, g := range missed {
					t.Logf("MISS %s %q %s %s%s", d.ID, g.Text, g.Type, g.Value, ctx(g))
				}
				for _, p := range spurious {
					t.Logf("FP %s %q %s %s%s", d.ID, p.Text, p.Type, p.Value, ctx(p))
				}
			}
		}
	}
}
