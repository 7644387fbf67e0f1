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
	// HashBits sets the feature table size, 2^HashBits rows (default 17,
	// at most 20).
	HashBits int
	// Prune drops quantised weights whose magnitude is below Prune (in units
	// of the int16 scale; default 0 keeps every non-zero weight).
	Prune int
	// NoDocument leaves out the second-pass weights with document features
	// (TagDocument then equals Tag per sentence); training is ~6× faster.
	NoDocument bool
	// NoNames leaves out the given-name table.
	NoNames bool
	// Validate and Logf, when both set, report the micro F1 of the first
	// pass on Validate after every epoch.
	Validate []Example
	Logf     func(format string, args ...any)
}

const (
	defaultEpochs   = 12
	defaultHashBits = 17
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
	docSent   []int    // document k: sentences docSent[k]:docSent[k+1]
	docs      []docToks
	dfeats    []uint32 // document features, when computed
	doff      []int32  // token t's document features: dfeats[doff[t]:doff[t+1]]
}

// Train trains a model on sentences, each taken as a document of its own
// (so the document features see only the sentence); TrainDocs, given whole
// documents, trains them as TagDocument uses them.
func Train(sents []Example, opts TrainOptions) (*Model, error) {
	docs := make([][]Example, len(sents))
	for i := range sents {
		docs[i] = sents[i : i+1]
	}
	return TrainDocs(docs, opts)
}

// TrainDocs trains a model with the averaged perceptron, decoding greedily
// left to right over BILOU classes, on documents (each a list of
// sentences). It trains the first pass (sentence features) and, unless
// opts.NoDocument, the second pass (sentence and document features), whose
// document features come from jackknifed first-pass predictions: each of
// vocabFolds blocks of documents is tagged by a first-pass model trained on
// the others. It is deterministic: the same documents and options give the
// same model bytes.
func TrainDocs(docs [][]Example, opts TrainOptions) (*Model, error) {
	var sents []Example
	var docSent []int
	for _, d := range docs {
		docSent = append(docSent, len(sents))
		sents = append(sents, d...)
	}
	docSent = append(docSent, len(sents))
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
	if hb < 8 || hb > maxRelBits {
		return nil, fmt.Errorf("ner: HashBits %d out of range 8..%d", hb, maxRelBits)
	}
	m := &Model{lexFeat: opts.Lexicon != nil, docFeat: !opts.NoDocument}
	m.tables = tables{bits: uint8(hb), vbits: vocabBits, mbits: memoryBits}
	m.lex = opts.Lexicon
	m.init()
	scale := float64(vocabFolds-1) / vocabFolds
	m.vocab = buildVocab(sents, m.vbits, scale)
	m.mem = buildMemory(sents, m.mbits)
	if !opts.NoNames {
		m.names = buildNames(sents, m.vbits, scale)
	}

	// A document's fold is that of its first sentence.
	fold := make([]int, len(sents))
	for k := 0; k+1 < len(docSent); k++ {
		f := docSent[k] * vocabFolds / len(sents)
		for si := docSent[k]; si < docSent[k+1]; si++ {
			fold[si] = f
		}
	}
	cf := m.featurize(sents, docSent, opts.Lexicon, foldTables(sents, fold, &m.tables), fold)
	all := make([]int, len(sents))
	for i := range all {
		all[i] = i
	}
	logf := opts.Logf
	var validate func(wt weights) string
	if logf != nil && len(opts.Validate) > 0 {
		validate = func(wt weights) string {
			mm := *m
			mm.w = wt
			mm.docFeat = false
			return fmt.Sprintf(", validation micro F1 %.4f", mm.Evaluate(opts.Validate).Micro.F1())
		}
	}
	m.w = perceptron(cf, all, false, epochs, opts.Seed, m.bits, opts.Prune, logf, validate)
	if !m.docFeat {
		return m, nil
	}
	// Jackknifed first-pass predictions.
	pred := make([]int8, len(cf.gold))
	for k := 0; k < vocabFolds; k++ {
		var train, test []int
		for si := range sents {
			if fold[si] == k {
				test = append(test, si)
			} else {
				train = append(train, si)
			}
		}
		if len(test) == 0 {
			continue
		}
		if len(train) == 0 {
			// A single fold: nothing to learn the held-out block from.
			continue
		}
		wt := perceptron(cf, train, false, epochs, opts.Seed+1+int64(k), m.bits, opts.Prune, logf, nil)
		for _, si := range test {
			a, b := cf.sentStart[si], cf.sentStart[si+1]
			// Appending to pred[a:a] writes pred[a:b] in place.
			wt.decode(pred[a:a], cf.feats, cf.tokOff[a:b+1], nil, nil, cf.lower[a:b], cf.short[a:b], m.bits)
		}
	}
	cf.computeDocFeatures(pred, m.bits)
	m.dw = perceptron(cf, all, true, epochs, opts.Seed, m.bits, opts.Prune, logf, nil)
	m.init()
	return m, nil
}

// computeDocFeatures fills cf.dfeats and cf.doff from first-pass classes.
func (cf *corpusFeats) computeDocFeatures(pred []int8, bits uint8) {
	cf.dfeats = cf.dfeats[:0]
	cf.doff = append(cf.doff[:0], 0)
	var agg aggTable
	var infos []docInfo
	var doff []int32
	for k := range cf.docs {
		a := cf.sentStart[cf.docSent[k]]
		b := cf.sentStart[cf.docSent[k+1]]
		cf.dfeats, doff, infos = docFeatures(cf.dfeats, doff[:0], &cf.docs[k], pred[a:b], &agg, infos, bits)
		cf.doff = append(cf.doff, doff[1:]...)
	}
}

// perceptron trains averaged perceptron weights on the sentences sents of
// cf (with the document features when doc is set) and quantises them.
func perceptron(cf *corpusFeats, sents []int, doc bool, epochs int, seed int64, hbits uint8, prune int, logf func(string, ...any), validate func(weights) string) weights {
	nb := 1 << hbits
	w := make([]int32, nb*nClasses)
	u := make([]int64, nb*nClasses)
	rng := rand.New(rand.NewSource(seed))
	order := append([]int(nil), sents...)
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
				var ds []uint32
				if doc {
					ds = cf.dfeats[cf.doff[t]:cf.doff[t+1]]
				}
				for _, f := range fs {
					addRaw(&sc, w, f)
				}
				for _, f := range ds {
					addRaw(&sc, w, f)
				}
				dynFeatsAt(&dyn, cf.lower[a:b], cf.short[a:b], t-a, p1, p2, hbits)
				for _, f := range dyn {
					addRaw(&sc, w, f)
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
					for _, f := range ds {
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
		if logf != nil {
			msg := fmt.Sprintf("epoch %d: train token error %.4f (%s)", ep+1, float64(errs)/float64(total), time.Since(start).Round(time.Millisecond))
			if validate != nil {
				msg += validate(finish(w, u, c, hbits, prune))
			}
			logf("%s", msg)
		}
	}
	return finish(w, u, c, hbits, prune)
}

func addRaw(sc *[nClasses]int32, w []int32, f uint32) {
	row := w[int(f)*nClasses : int(f)*nClasses+nClasses]
	for k := range sc {
		sc[k] += row[k]
	}
}

// vocabFolds is the number of folds of the jackknifed lookup tables and
// first-pass predictions.
const vocabFolds = 5

// foldTables returns, for each of vocabFolds blocks of sentences (fold[s]
// is sentence s's block), the word class table, phrase memory and given-name
// table learnt from the other blocks, so that training sees unseen words and
// phrases as often as tagging will.
func foldTables(sents []Example, fold []int, tb *tables) []tables {
	out := make([]tables, vocabFolds)
	for k := range out {
		var rest []Example
		for si := range sents {
			if fold[si] != k {
				rest = append(rest, sents[si])
			}
		}
		out[k] = *tb
		out[k].probeAll = true
		out[k].vocab = buildVocab(rest, tb.vbits, 1)
		out[k].mem = buildMemory(rest, tb.mbits)
		if len(tb.names) > 0 {
			out[k].names = buildNames(rest, tb.vbits, 1)
		}
	}
	return out
}

// featurize precomputes the static features and gold classes of sents
// (documents start at the sentences docSent), sentence s with the tables
// folds[fold[s]].
func (m *Model) featurize(sents []Example, docSent []int, lex Lexicon, folds []tables, fold []int) *corpusFeats {
	cf := &corpusFeats{docSent: docSent}
	s := new(scratch)
	var gold []int8
	doc := -1
	for si, ex := range sents {
		for doc+1 < len(docSent)-1 && docSent[doc+1] == si {
			doc++
			cf.docs = append(cf.docs, docToks{})
		}
		cf.sentStart = append(cf.sentStart, len(cf.gold))
		if len(ex.Tokens) == 0 {
			continue
		}
		s.extract(ex.Tokens, &folds[fold[si]], lex)
		base := int32(len(cf.feats))
		for i := range ex.Tokens {
			cf.tokOff = append(cf.tokOff, base+s.off[i])
			cf.lower = append(cf.lower, s.info[i].lower)
			cf.short = append(cf.short, s.info[i].short)
		}
		cf.docs[doc].appendSentence(s, s.cb)
		cf.feats = append(cf.feats, s.feats...)
		gold = encode(len(ex.Tokens), ex.Spans, gold)
		cf.gold = append(cf.gold, gold...)
	}
	for len(cf.docs) < len(docSent)-1 {
		cf.docs = append(cf.docs, docToks{})
	}
	cf.sentStart = append(cf.sentStart, len(cf.gold))
	cf.tokOff = append(cf.tokOff, int32(len(cf.feats)))
	return cf
}

// finish averages the weights and quantises them.
func finish(w []int32, u []int64, c int64, hbits uint8, prune int) weights {
	var out weights
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
	nb := 1 << hbits
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
			ld |= labDistNever << 3
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

// buildNames learns the given-name table: per lower-cased word, how often
// it starts a PERSON name of two or more tokens (high nibble: bit length of
// the scaled count, at most 7) and what share of its occurrences that is
// (low nibble: 1 < 25%, 2 < 50%, 3 < 75%, 4 otherwise). 0: never.
func buildNames(sents []Example, vbits uint8, countScale float64) []uint8 {
	n := 1 << vbits
	first := make([]uint32, n)
	count := make([]uint32, n)
	s := new(scratch)
	per := typeIndex(Person)
	for _, ex := range sents {
		s.tokenInfo(ex.Tokens, nil, vbits)
		for i := range s.info {
			count[bucketOf(s.info[i].lower, vbits)]++
		}
		for _, sp := range ex.Spans {
			if typeIndex(sp.Label) != per || sp.Start < 0 || sp.End > len(ex.Tokens) || sp.End-sp.Start < 2 {
				continue
			}
			first[bucketOf(s.info[sp.Start].lower, vbits)]++
		}
	}
	out := make([]uint8, n)
	for i := range out {
		if first[i] == 0 {
			continue
		}
		f := bits.Len32(uint32(math.Round(float64(first[i]) * countScale)))
		if f == 0 {
			f = 1
		}
		if f > 7 {
			f = 7
		}
		r := float64(first[i]) / float64(count[i])
		sh := 4
		switch {
		case r < 0.25:
			sh = 1
		case r < 0.5:
			sh = 2
		case r < 0.75:
			sh = 3
		}
		out[i] = uint8(f<<4 | sh)
	}
	return out
}
