package gazetteer

import (
	"errors"
	"math"
)

// TrainingDoc is one annotated document for TrainRanker: its mentions as
// the pipeline queries them, its demonym hints, and for each mention the
// geonameids of the right candidates (any of them counts: with gold
// coordinates only, every candidate within 161 km is right; empty: none
// is right). Mentions with Skip set (no gold point) are left out.
type TrainingDoc struct {
	Queries []Query
	Hints   []string
	Gold    [][]int64
	Skip    []bool
}

// TrainOptions tune TrainRanker; the zero value gives the defaults.
type TrainOptions struct {
	Iterations int     // full-batch steps per pass (default 1500)
	L2         float64 // L2 penalty toward the prior, per mention (default 1e-3)
	Rate       float64 // Adam step size (default 0.05)
}

// TrainRanker learns the two passes of the ranker by maximum likelihood
// (multinomial logistic regression over each mention's candidates and
// "none of these", full-batch Adam, with an L2 penalty toward hand-set
// prior weights, so that a signal the corpora never exercise, such as
// "Kyiv region" naming a division called "Kyiv City", keeps its prior):
// first the context-free pass, then the context pass on the context that
// the learned first pass produces. It is deterministic: the same documents
// give the same weights, rounded to 1e-4.
func TrainRanker(ix *Index, docs []TrainingDoc, opt TrainOptions) (*Ranker, error) {
	if opt.Iterations <= 0 {
		opt.Iterations = 1500
	}
	if opt.L2 <= 0 {
		opt.L2 = 1e-3
	}
	if opt.Rate <= 0 {
		opt.Rate = 0.05
	}
	type doc struct {
		ms    []mention
		hints []string
		gold  [][]int // nil: skip; empty: none
	}
	var ds []doc
	n := 0
	for _, d := range docs {
		if len(d.Gold) != len(d.Queries) || d.Skip != nil && len(d.Skip) != len(d.Queries) {
			return nil, errors.New("gazetteer: TrainRanker: Gold, Skip and Queries differ in length")
		}
		dd := doc{ms: ix.prepare(d.Queries), hints: d.Hints, gold: make([][]int, len(d.Queries))}
		for i, g := range d.Gold {
			if d.Skip != nil && d.Skip[i] || len(dd.ms[i].cands) == 0 {
				continue
			}
			dd.gold[i] = []int{}
			for j := range dd.ms[i].cands {
				for _, id := range g {
					if dd.ms[i].cands[j].ID == id {
						dd.gold[i] = append(dd.gold[i], j)
						break
					}
				}
			}
			n++
		}
		ds = append(ds, dd)
	}
	if n == 0 {
		return nil, errors.New("gazetteer: TrainRanker: no mention with candidates")
	}
	collect := func() ([]*mention, [][]int) {
		var ms []*mention
		var gold [][]int
		for di := range ds {
			for i := range ds[di].ms {
				if ds[di].gold[i] != nil {
					ms = append(ms, &ds[di].ms[i])
					gold = append(gold, ds[di].gold[i])
				}
			}
		}
		return ms, gold
	}
	r := &Ranker{}
	ms, gold := collect()
	r.pass1, r.pass2 = priorLayer(false), priorLayer(true)
	fit(&r.pass1, ms, gold, firstContext, opt)
	roundLayer(&r.pass1)
	for di := range ds {
		for i := range ds[di].ms {
			r.pass1.rank(&ds[di].ms[i])
		}
		documentContext(ds[di].ms, ds[di].hints)
	}
	ms, gold = collect()
	fit(&r.pass2, ms, gold, nFeatures, opt)
	roundLayer(&r.pass2)
	return r, nil
}

func roundLayer(l *layer) {
	for k := range l.W {
		l.W[k] = roundWeight(l.W[k])
	}
	for k := range l.N {
		l.N[k] = roundWeight(l.N[k])
	}
}

// fit minimizes the mean negative log-likelihood plus L2 over the first
// nf candidate features and all none features.
func fit(l *layer, ms []*mention, gold [][]int, nf int, opt TrainOptions) {
	const dim = nFeatures + nNoneFeatures
	var w, prior, g, m1, m2 [dim]float64
	copy(prior[:], l.W[:])
	copy(prior[nFeatures:], l.N[:])
	w = prior
	const b1, b2, eps = 0.9, 0.999, 1e-8
	var sc []float64
	inv := 1 / float64(len(ms))
	for it := 1; it <= opt.Iterations; it++ {
		g = [dim]float64{}
		for i, m := range ms {
			sc = sc[:0]
			for j := range m.feats {
				s := 0.0
				for k := 0; k < nf; k++ {
					s += w[k] * m.feats[j][k]
				}
				sc = append(sc, s)
			}
			none := 0.0
			for k := 0; k < nNoneFeatures; k++ {
				none += w[nFeatures+k] * m.none[k]
			}
			p, pn := softmax(sc, none)
			// Gradient of -log P(right set): expected features minus those
			// expected within the right set.
			pr := pn
			if len(gold[i]) > 0 {
				pr = 0
				for _, j := range gold[i] {
					pr += p[j]
				}
			}
			pr = math.Max(pr, 1e-300)
			for j := range m.feats {
				q := p[j]
				if inSet(gold[i], j) {
					q -= p[j] / pr
				}
				if q == 0 {
					continue
				}
				for k := 0; k < nf; k++ {
					g[k] += q * m.feats[j][k] * inv
				}
			}
			q := pn
			if len(gold[i]) == 0 {
				q--
			}
			for k := 0; k < nNoneFeatures; k++ {
				g[nFeatures+k] += q * m.none[k] * inv
			}
		}
		for k := 0; k < dim; k++ {
			if k >= nf && k < nFeatures {
				continue
			}
			gk := g[k] + opt.L2*(w[k]-prior[k])
			m1[k] = b1*m1[k] + (1-b1)*gk
			m2[k] = b2*m2[k] + (1-b2)*gk*gk
			mh := m1[k] / (1 - math.Pow(b1, float64(it)))
			vh := m2[k] / (1 - math.Pow(b2, float64(it)))
			w[k] -= opt.Rate * mh / (math.Sqrt(vh) + eps)
		}
	}
	copy(l.W[:], w[:nFeatures])
	copy(l.N[:], w[nFeatures:])
}

// priorLayer is the hand-set ranking the learned one starts from and is
// pulled toward, in log-odds units.
func priorLayer(context bool) layer {
	var l layer
	l.W[fLogPop] = 0.9 // per decade of population
	l.W[fCountry], l.W[fADM1], l.W[fPPLC], l.W[fPPLA], l.W[fPPLA2], l.W[fPPLA34] = 3, 2.2, 2, 1.5, 1, 0.5
	l.W[fContinent] = 3
	l.W[fVariant], l.W[fFuzzy] = -1, -3
	l.W[fRegionADM], l.W[fRegionNotADM], l.W[fRegionCity], l.W[fRegionNamed] = 5, -3, -4, 1
	l.W[fSeatNamesake] = -3
	l.W[fQualADM1], l.W[fQualCountry], l.W[fQualPlace], l.W[fQualMismatch] = 6, 4, 1, -1
	if context {
		l.W[fCtxCountry], l.W[fCtxAdmin1], l.W[fHint] = 4, 2.5, 2
	}
	l.N[gBias] = 3.5
	return l
}

func inSet(s []int, j int) bool {
	for _, v := range s {
		if v == j {
			return true
		}
	}
	return false
}
