package ner

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand"
	"time"
)

// TrainOptions configures Train.
type TrainOptions struct {
	// Epochs is the number of passes over the data (default 12, the best
	// on the CoNLL-2003 dev set).
	Epochs int
	// Seed fixes the order in which sentences are visited.
	Seed int64
	// Lexicon, when not nil, adds gazetteer features; the trained model then
	// wants the same lexicon attached with WithLexicon when tagging.
	Lexicon Lexicon
	// HashBits sets the feature table size, 2^HashBits rows (default 18).
	HashBits int
	// Prune drops quantised weights whose magnitude is below Prune (in units
	// of the int16 scale; default 0 keeps every non-zero weight).
	Prune int
	// Validate and Logf, when both set, report the micro F1 on Validate
	// after every epoch.
	Validate []Example
	Logf     func(format string, args ...any)
}

const (
	defaultEpochs   = 12
	defaultHashBits = 18
	vocabBits       = 18
	memoryBits      = 20
)

// corpusFeats holds the precomputed static features of a training set.
type corpusFeats struct {
	feats     []uint32 // static feature buckets
	tokOff    []int32  // token t's features: feats[tokOff[t]:tokOff[t+1]]
	lower     []uint64 // per token
	short     []uint64 // per token
	gold      []int8   // per token
	sentStart []int    // sentence s: tokens sentStart[s]:sentStart[s+1]
}

// Train trains a model with the averaged perceptron, decoding greedily left
// to right over BILOU classes. It is deterministic: the same sentences and
// options give the same model bytes.
func Train(sents []Example, opts TrainOptions) (*Model, error) {
	if len(sents) == 0 {
		return nil, errors.New("ner: no training sentences")
	}
	epochs := opts.Epochs
	if epochs <= 0 {
		epochs = defaultEpochs
	}
	hb := opts.HashBits
	if hb == 0 {
		hb = defaultHashBits
	}
	if hb < 8 || hb > 26 {
		return nil, fmt.Errorf("ner: HashBits %d out of range 8..26", hb)
	}
	m := &Model{lexFeat: opts.Lexicon != nil}
	m.tables = tables{bits: uint8(hb), vbits: vocabBits, mbits: memoryBits}
	m.lex = opts.Lexicon
	m.init()
	m.vocab = buildVocab(sents, m.vbits, float64(vocabFolds-1)/vocabFolds)
	m.mem = buildMemory(sents, m.mbits)

	cf := m.featurize(sents, opts.Lexicon, foldTables(sents, &m.tables))
	nb := 1 << hb
	w := make([]int32, nb*nClasses)
	u := make([]int64, nb*nClasses)
	rng := rand.New(rand.NewSource(opts.Seed))
	order := make([]int, len(sents))
	for i := range order {
		order[i] = i
	}
	c := int64(1)
	var dyn [numDynamic]uint32
	for ep := 0; ep < epochs; ep++ {
		start := time.Now()
		rng.Shuffle(len(order), func(i, j int) { order[i], order[j] = order[j], order[i] })
		errs, total := 0, 0
		for _, si := range order {
			a, b := cf.sentStart[si], cf.sentStart[si+1]
			p1, p2 := int8(labelBOS), int8(labelBOS)
			for t := a; t < b; t++ {
				var sc [nClasses]int32
				fs := cf.feats[cf.tokOff[t]:cf.tokOff[t+1]]
				for _, f := range fs {
					row := w[int(f)*nClasses : int(f)*nClasses+nClasses]
					for k := range sc {
						sc[k] += row[k]
					}
				}
				lm1 := hashBOS
				if t > a {
					lm1 = cf.lower[t-1]
				}
				dynFeats(&dyn, cf.lower[t], lm1, cf.short[t], p1, p2, m.bits)
				for _, f := range dyn {
					row := w[int(f)*nClasses : int(f)*nClasses+nClasses]
					for k := range sc {
						sc[k] += row[k]
					}
				}
				pred := bestClass(&sc, p1, t == b-1)
				gold := cf.gold[t]
				if pred != gold {
					errs++
					upd := func(f uint32) {
						g, p := int(f)*nClasses+int(gold), int(f)*nClasses+int(pred)
						w[g]++
						u[g] += c
						w[p]--
						u[p] -= c
					}
					for _, f := range fs {
						upd(f)
					}
					for _, f := range dyn {
						upd(f)
					}
				}
				total++
				c++
				// The history is the gold labels (teacher forcing): on
				// CoNLL it beats the predicted history by ~0.6 F1.
				p2, p1 = p1, gold
			}
		}
		if opts.Logf != nil {
			msg := fmt.Sprintf("epoch %d: train token error %.4f (%s)", ep+1, float64(errs)/float64(total), time.Since(start).Round(time.Millisecond))
			if len(opts.Validate) > 0 {
				mm := m.finish(w, u, c, opts.Prune)
				sc := mm.Evaluate(opts.Validate)
				msg += fmt.Sprintf(", validation micro F1 %.4f", sc.Micro.F1())
			}
			opts.Logf("%s", msg)
		}
	}
	return m.finish(w, u, c, opts.Prune), nil
}

// featurize precomputes the static features and gold classes of sents.
// vocabFolds is the number of folds of the jackknifed lookup tables.
const vocabFolds = 5

// foldTables returns, for each of vocabFolds contiguous blocks of sentences
// (roughly whole documents), the word class table and phrase memory learnt
// from the other blocks, so that training sees unseen words and phrases as
// often as tagging will.
func foldTables(sents []Example, tb *tables) []tables {
	out := make([]tables, vocabFolds)
	for k := range out {
		lo, hi := foldRange(len(sents), k)
		rest := make([]Example, 0, len(sents)-(hi-lo))
		rest = append(rest, sents[:lo]...)
		rest = append(rest, sents[hi:]...)
		out[k] = *tb
		out[k].vocab = buildVocab(rest, tb.vbits, 1)
		out[k].mem = buildMemory(rest, tb.mbits)
	}
	return out
}

func foldRange(n, k int) (lo, hi int) {
	return n * k / vocabFolds, n * (k + 1) / vocabFolds
}

func (m *Model) featurize(sents []Example, lex Lexicon, folds []tables) *corpusFeats {
	cf := &corpusFeats{}
	s := new(scratch)
	var gold []int8
	for si, ex := range sents {
		cf.sentStart = append(cf.sentStart, len(cf.gold))
		if len(ex.Tokens) == 0 {
			continue
		}
		tb := &m.tables
		if len(folds) > 0 {
			tb = &folds[si*vocabFolds/len(sents)]
		}
		s.extract(ex.Tokens, tb, lex)
		base := int32(len(cf.feats))
		for i := range ex.Tokens {
			cf.tokOff = append(cf.tokOff, base+s.off[i])
			cf.lower = append(cf.lower, s.info[i].lower)
			cf.short = append(cf.short, s.info[i].short)
		}
		cf.feats = append(cf.feats, s.feats...)
		gold = encode(len(ex.Tokens), ex.Spans, gold)
		cf.gold = append(cf.gold, gold...)
	}
	cf.sentStart = append(cf.sentStart, len(cf.gold))
	cf.tokOff = append(cf.tokOff, int32(len(cf.feats)))
	return cf
}

// finish averages the weights and quantises them into a new model sharing
// m's settings and vocabulary.
func (m *Model) finish(w []int32, u []int64, c int64, prune int) *Model {
	out := &Model{tables: m.tables, lexFeat: m.lexFeat, lex: m.lex}
	out.init()
	maxAbs := 0.0
	cf := float64(c)
	for i := range w {
		if w[i] == 0 && u[i] == 0 {
			continue
		}
		a := math.Abs(float64(w[i]) - float64(u[i])/cf)
		if a > maxAbs {
			maxAbs = a
		}
	}
	if maxAbs == 0 {
		maxAbs = 1
	}
	scale := 32767 / maxAbs
	out.scale = float32(scale)
	nb := 1 << m.bits
	out.index = make([]int32, nb)
	var q [nClasses]int16
	for b := 0; b < nb; b++ {
		keep := false
		for k := 0; k < nClasses; k++ {
			i := b*nClasses + k
			q[k] = 0
			if w[i] == 0 && u[i] == 0 {
				continue
			}
			v := math.Round((float64(w[i]) - float64(u[i])/cf) * scale)
			if math.Abs(v) < float64(prune) {
				v = 0
			}
			q[k] = int16(v)
			if q[k] != 0 {
				keep = true
			}
		}
		if keep {
			out.rows = append(out.rows, q)
			out.index[b] = int32(len(out.rows))
		}
	}
	return out
}

// buildVocab learns the word class table: per lower-cased word, a frequency
// class and how often it is capitalised in running text (not sentence
// initial, not in mostly ALL-CAPS lines).
//
// countScale scales the counts before bucketing them into frequency classes,
// so that the full table (built from all the data) matches the jackknifed
// ones (built from (vocabFolds-1)/vocabFolds of it).
func buildVocab(sents []Example, vbits uint8, countScale float64) []uint16 {
	n := 1 << vbits
	count := make([]uint32, n)
	inEnt := make([][nTypes]uint32, n)
	var cls []int8
	seen := make([]uint32, n)
	capd := make([]uint32, n)
	s := new(scratch)
	for _, ex := range sents {
		s.tokenInfo(ex.Tokens, nil, vbits)
		caps, _ := SentenceCasing(ex.Tokens)
		cls = encode(len(ex.Tokens), ex.Spans, cls)
		for i := range s.info {
			ti := &s.info[i]
			slot := bucketOf(ti.lower, vbits)
			count[slot]++
			if cls[i] != 0 {
				inEnt[slot][typeOf(cls[i])]++
			}
			if i == 0 || caps >= 0.6 || ti.flags&flagLetter == 0 {
				continue
			}
			seen[slot]++
			if ti.flags&(flagTitle|flagAllCaps) != 0 {
				capd[slot]++
			}
		}
	}
	out := make([]uint16, n)
	for i := range out {
		if count[i] == 0 {
			continue
		}
		f := bits.Len32(uint32(math.Round(float64(count[i]) * countScale)))
		if f == 0 {
			f = 1
		}
		if f > 15 {
			f = 15
		}
		cc := capUnknown
		if seen[i] > 0 {
			r := float64(capd[i]) / float64(seen[i])
			switch {
			case r < 0.05:
				cc = capNever
			case r < 0.5:
				cc = capRare
			case r < 0.95:
				cc = capOften
			default:
				cc = capAlways
			}
		}
		// Label distribution: the majority entity type (1..4, 0 none) and
		// the share of occurrences inside entities.
		sum, best := uint32(0), 0
		for t, c := range inEnt[i] {
			sum += c
			if c > inEnt[i][best] {
				best = t
			}
		}
		ld := 0
		if sum > 0 {
			ld = best + 1
		}
		r := float64(sum) / float64(count[i])
		switch {
		case sum == 0:
			ld |= 1 << 3
		case r < 0.1:
			ld |= 2 << 3
		case r < 0.5:
			ld |= 3 << 3
		case r < 0.9:
			ld |= 4 << 3
		default:
			ld |= 5 << 3
		}
		out[i] = uint16(ld<<8 | f<<4 | cc)
	}
	return out
}
