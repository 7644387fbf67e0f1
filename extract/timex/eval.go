package timex

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"time"
)

// EvalDoc is one gold-annotated document.
type EvalDoc struct {
	ID   string
	Text string
	DCT  time.Time
	Gold []Expr
}

// PRF holds precision, recall and F1.
type PRF struct {
	P, R, F1 float64
}

// Scores are the evaluation figures of Evaluate.
type Scores struct {
	Gold, Predicted int
	Strict          PRF     // exact span match
	Relaxed         PRF     // overlapping span match (one-to-one)
	TypeAcc         float64 // share of relaxed matches with the right type
	ValueAcc        float64 // share of relaxed matches with the right value
	Value           PRF     // TempEval-3 style: relaxed matches with the right value
}

func prf(tp, pred, gold int) PRF {
	var r PRF
	if pred > 0 {
		r.P = float64(tp) / float64(pred)
	}
	if gold > 0 {
		r.R = float64(tp) / float64(gold)
	}
	if r.P+r.R > 0 {
		r.F1 = 2 * r.P * r.R / (r.P + r.R)
	}
	return r
}

// Pair is a relaxed (overlap) match between a gold and a predicted expression.
type Pair struct {
	Gold, Pred Expr
}

// Align matches predicted to gold expressions one-to-one by span overlap,
// preferring exact matches. It returns the pairs and the unmatched
// expressions of each side.
func Align(gold, pred []Expr) (pairs []Pair, missed, spurious []Expr) {
	usedP := make([]bool, len(pred))
	gm := make([]int, len(gold))
	for gi := range gm {
		gm[gi] = -1
	}
	for gi, g := range gold {
		for pi, p := range pred {
			if !usedP[pi] && p.Start == g.Start && p.End == g.End {
				gm[gi], usedP[pi] = pi, true
				break
			}
		}
	}
	for gi, g := range gold {
		if gm[gi] >= 0 {
			continue
		}
		for pi, p := range pred {
			if !usedP[pi] && p.Start < g.End && g.Start < p.End {
				gm[gi], usedP[pi] = pi, true
				break
			}
		}
	}
	for gi, g := range gold {
		if gm[gi] >= 0 {
			pairs = append(pairs, Pair{g, pred[gm[gi]]})
		} else {
			missed = append(missed, g)
		}
	}
	for pi, p := range pred {
		if !usedP[pi] {
			spurious = append(spurious, p)
		}
	}
	return
}

// Evaluate runs Find on each document, with the document's DCT, and
// scores it against the gold expressions.
func Evaluate(docs []EvalDoc) Scores {
	return Score(docs, func(d EvalDoc) []Expr { return Find(d.Text, d.DCT) })
}

// EvaluatePredictions scores predictions made by another system: pred
// maps a document id to its expressions (code point offsets). A document
// without an entry counts as predicting nothing.
func EvaluatePredictions(docs []EvalDoc, pred map[string][]Expr) Scores {
	return Score(docs, func(d EvalDoc) []Expr { return pred[d.ID] })
}

// Score scores the expressions predict returns for each document against
// the gold ones. Values are compared as strings, with no special cases.
func Score(docs []EvalDoc, predict func(EvalDoc) []Expr) Scores {
	var sc Scores
	strict, relaxed, typ, val := 0, 0, 0, 0
	for _, d := range docs {
		pred := predict(d)
		sc.Gold += len(d.Gold)
		sc.Predicted += len(pred)
		pairs, _, _ := Align(d.Gold, pred)
		for _, p := range pairs {
			relaxed++
			if p.Gold.Start == p.Pred.Start && p.Gold.End == p.Pred.End {
				strict++
			}
			if p.Gold.Type == p.Pred.Type {
				typ++
			}
			if p.Gold.Value == p.Pred.Value {
				val++
			}
		}
	}
	sc.Strict = prf(strict, sc.Predicted, sc.Gold)
	sc.Relaxed = prf(relaxed, sc.Predicted, sc.Gold)
	if relaxed > 0 {
		sc.TypeAcc = float64(typ) / float64(relaxed)
		sc.ValueAcc = float64(val) / float64(relaxed)
	}
	sc.Value = prf(val, sc.Predicted, sc.Gold)
	return sc
}

// LoadJSONL reads a corpus with one JSON document per line holding "id",
// "text", "dct" (YYYY-MM-DD; or "published", as events-dev has it) and
// "timex": [{start,end,text,type,value}] with code point offsets.
func LoadJSONL(path string) ([]EvalDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []EvalDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<26)
	for sc.Scan() {
		var raw struct {
			ID   string `json:"id"`
			Text string `json:"text"`
			DCT  string `json:"dct"`
			// Published stands in for dct (the events-dev corpus).
			Published string `json:"published"`
			Timex     []struct {
				Start int    `json:"start"`
				End   int    `json:"end"`
				Text  string `json:"text"`
				Type  string `json:"type"`
				Value string `json:"value"`
			} `json:"timex"`
		}
		if len(sc.Bytes()) == 0 {
			continue
		}
		if err := json.Unmarshal(sc.Bytes(), &raw); err != nil {
			return nil, err
		}
		d := EvalDoc{ID: raw.ID, Text: raw.Text}
		if raw.DCT == "" {
			raw.DCT = raw.Published
		}
		if raw.DCT != "" {
			if t, err := time.Parse("2006-01-02", raw.DCT); err == nil {
				d.DCT = t
			}
		}
		for _, t := range raw.Timex {
			d.Gold = append(d.Gold, Expr{Text: t.Text, Start: t.Start, End: t.End, Type: t.Type, Value: t.Value})
		}
		docs = append(docs, d)
	}
	return docs, sc.Err()
}

// String formats the scores as the figures of "geoparse eval time".
func (sc Scores) String() string {
	var b []byte
	b = fmt.Appendf(b, "gold %d, predicted %d\n", sc.Gold, sc.Predicted)
	b = fmt.Appendf(b, "%-22s %6s %6s %6s\n", "", "P", "R", "F1")
	for _, r := range []struct {
		name string
		p    PRF
	}{{"strict span", sc.Strict}, {"relaxed span", sc.Relaxed}, {"value (TempEval-3)", sc.Value}} {
		b = fmt.Appendf(b, "%-22s %6.3f %6.3f %6.3f\n", r.name, r.p.P, r.p.R, r.p.F1)
	}
	b = fmt.Appendf(b, "%-22s %6.3f\n", "type accuracy", sc.TypeAcc)
	b = fmt.Appendf(b, "%-22s %6.3f\n", "value accuracy", sc.ValueAcc)
	return string(b)
}

// LoadPredictionsJSONL reads predictions in the corpus shape: one JSON
// object a line with "id" and "timex": [{start,end,text,type,value}]
// (code point offsets); other fields are ignored.
func LoadPredictionsJSONL(path string) (map[string][]Expr, error) {
	docs, err := LoadJSONL(path)
	if err != nil {
		return nil, err
	}
	pred := make(map[string][]Expr, len(docs))
	for _, d := range docs {
		pred[d.ID] = append(pred[d.ID], d.Gold...)
	}
	return pred, nil
}
