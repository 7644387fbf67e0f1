package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/extract/eventeval"
	"github.com/geoparse/geoparse/gazetteer"
)

// geoDoc is one document of a toponym corpus in the corpora JSONL format.
type geoDoc struct {
	ID       string       `json:"id"`
	Text     string       `json:"text"`
	DCT      *string      `json:"dct"`
	Toponyms []geoToponym `json:"toponyms"`
}

// geoToponym is a gold toponym: the corpora format's, which eval events
// reads too.
type geoToponym = eventeval.Toponym

// loadGeoCorpus reads a toponym corpus; toponyms come sorted by start.
func loadGeoCorpus(path string) ([]geoDoc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []geoDoc
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		b := strings.TrimSpace(sc.Text())
		if b == "" {
			continue
		}
		var d geoDoc
		if err := json.Unmarshal([]byte(b), &d); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		sort.SliceStable(d.Toponyms, func(i, j int) bool { return d.Toponyms[i].Start < d.Toponyms[j].Start })
		docs = append(docs, d)
	}
	return docs, sc.Err()
}

// maxErrorKm is the error of a toponym left unresolved: half the
// circumference of the Earth, as in Gritta et al.
const maxErrorKm = 20039

// geoScores are the geocoding measures of Gritta et al. (2019), plus the
// share of toponyms put in the right country and recognition scores.
type geoScores struct {
	Errors       []float64 // km, one per scored toponym (unresolved: maxErrorKm)
	Entity       int       // toponyms resolved to their goldTarget
	Targets      int       // toponyms with a goldTarget
	Unresolved   int
	CountryRight int
	NoCountry    int // resolved to a continent: not counted for countries
	Gold         int // gold toponyms with a point
	HasCandidate int // … that have any gazetteer candidate
	HasNear      int // … that have a candidate within 161 km
	countryErrs  io.Writer
	// Calibration: confidence and rightness (right entry) of each
	// resolved toponym.
	confs  []float64
	rights []bool
	// Recognition (end to end only).
	E2E               bool
	TP, FP, FN        int
	GoldAll, PredsAll int
	byForm            map[string]*formCount
}

func (s *geoScores) accuracy161() float64 {
	if len(s.Errors) == 0 {
		return 0
	}
	n := 0
	for _, e := range s.Errors {
		if e < 161 {
			n++
		}
	}
	return float64(n) / float64(len(s.Errors))
}

func (s *geoScores) meanMedian() (float64, float64) {
	if len(s.Errors) == 0 {
		return 0, 0
	}
	e := append([]float64(nil), s.Errors...)
	sort.Float64s(e)
	sum := 0.0
	for _, v := range e {
		sum += v
	}
	med := e[len(e)/2]
	if len(e)%2 == 0 {
		med = (e[len(e)/2-1] + e[len(e)/2]) / 2
	}
	return sum / float64(len(e)), med
}

// auc is the area under the curve of sorted log errors, normalized by the
// log of the largest possible error (Gritta et al. 2018): 0 is perfect.
func (s *geoScores) auc() float64 {
	n := len(s.Errors)
	if n < 2 {
		return 0
	}
	e := append([]float64(nil), s.Errors...)
	sort.Float64s(e)
	area := 0.0
	for i := 1; i < n; i++ {
		area += (math.Log(e[i-1]+1) + math.Log(e[i]+1)) / 2
	}
	return area / (math.Log(maxErrorKm) * float64(n-1))
}

func pct(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func (s *geoScores) write(w io.Writer) {
	if s.E2E {
		p, r := pct(s.TP, s.TP+s.FP), pct(s.TP, s.TP+s.FN)
		f := 0.0
		if p+r > 0 {
			f = 2 * p * r / (p + r)
		}
		fmt.Fprintf(w, "recognition (overlap): P %.1f  R %.1f  F1 %.1f  (%d gold, %d predicted, %d matched)\n",
			p, r, f, s.GoldAll, s.PredsAll, s.TP)
		var parts []string
		for _, form := range extract.Forms {
			if c := s.byForm[form]; c != nil && c.found > 0 {
				parts = append(parts, fmt.Sprintf("%s %d found, %d matched (P %.1f)", form, c.found, c.matched, pct(c.matched, c.found)))
			}
		}
		if len(parts) > 0 {
			fmt.Fprintf(w, "  by form: %s\n", strings.Join(parts, "; "))
		}
	}
	mean, med := s.meanMedian()
	fmt.Fprintf(w, "resolution: %d toponyms scored (%d unresolved, scored at %d km)\n", len(s.Errors), s.Unresolved, maxErrorKm)
	fmt.Fprintf(w, "  acc@161km %.3f  mean %.0f km  median %.1f km  AUC %.3f\n", s.accuracy161(), mean, med, s.auc())
	fmt.Fprintf(w, "  right country %.1f%% (%.1f%% of those resolved; continents left out)\n",
		pct(s.CountryRight, len(s.Errors)-s.NoCountry), pct(s.CountryRight, len(s.Errors)-s.Unresolved-s.NoCountry))
	fmt.Fprintf(w, "  right entry %.1f%% of all, %.1f%% of the %d with a right candidate (any candidate within 161 km, or the country or division holding the point)\n",
		pct(s.Entity, len(s.Errors)), pct(s.Entity, s.Targets), s.Targets)
	s.writeCalibration(w)
	if !s.E2E {
		fmt.Fprintf(w, "  upper bound: %.1f%% of gold toponyms have a candidate, %.1f%% one within 161 km\n",
			pct(s.HasCandidate, s.Gold), pct(s.HasNear, s.Gold))
	}
}

// countryGrid finds the country of a point: that of the nearest populated
// place of the gazetteer (cities500 is dense enough that this is right
// except near borders).
type countryGrid struct {
	cells map[[2]int][]gazetteer.Entry
}

func newCountryGrid(ix *gazetteer.Index) *countryGrid {
	g := &countryGrid{cells: map[[2]int][]gazetteer.Entry{}}
	for i := 0; i < ix.Len(); i++ {
		e := ix.EntryAt(i)
		if e.FeatureClass != "P" || e.CountryCode == "" {
			continue
		}
		k := [2]int{int(math.Floor(e.Lat)), int(math.Floor(e.Lon))}
		g.cells[k] = append(g.cells[k], e)
	}
	return g
}

func (g *countryGrid) country(lat, lon float64) string {
	e, _ := g.nearest(lat, lon)
	return e.CountryCode
}

// nearest returns the populated place nearest to a point.
func (g *countryGrid) nearest(lat, lon float64) (gazetteer.Entry, bool) {
	la, lo := int(math.Floor(lat)), int(math.Floor(lon))
	for r := 0; r <= 6; r++ {
		var best gazetteer.Entry
		bd := math.Inf(1)
		for dy := -r; dy <= r; dy++ {
			for dx := -r; dx <= r; dx++ {
				if max(abs(dy), abs(dx)) != r {
					continue
				}
				x := lo + dx
				if x < -180 {
					x += 360
				} else if x >= 180 {
					x -= 360
				}
				for _, e := range g.cells[[2]int{la + dy, x}] {
					if d := gazetteer.DistanceKm(lat, lon, e.Lat, e.Lon); d < bd {
						best, bd = e, d
					}
				}
			}
		}
		if best.ID != 0 && (bd < float64(r)*80+40 || r >= 1) {
			return best, true
		}
	}
	return gazetteer.Entry{}, false
}

// goldTargets are the candidates that a gold toponym may be read as: the
// one with its geonameid; else every one within 161 km of the gold point;
// else the country or first-level division that holds the gold point when
// the mention names one (the gazetteer's point for a country or division
// can be far from the corpus's). Empty: no candidate is right.
func goldTargets(g *countryGrid, t geoToponym, cands []gazetteer.Entry) []int64 {
	if t.GeonameID != nil {
		for _, c := range cands {
			if c.ID == *t.GeonameID {
				return []int64{c.ID}
			}
		}
	}
	var out []int64
	for _, c := range cands {
		if gazetteer.DistanceKm(*t.Lat, *t.Lon, c.Lat, c.Lon) < 161 {
			out = append(out, c.ID)
		}
	}
	if len(out) > 0 {
		return out
	}
	near, ok := g.nearest(*t.Lat, *t.Lon)
	if !ok {
		return nil
	}
	for _, c := range cands {
		if c.IsCountry() && c.CountryCode == near.CountryCode {
			return []int64{c.ID}
		}
	}
	for _, c := range cands {
		if c.IsAdmin1() && c.CountryCode == near.CountryCode && c.Admin1 == near.Admin1 {
			return []int64{c.ID}
		}
	}
	return nil
}

func containsID(ids []int64, id int64) bool {
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// score adds one gold toponym and the entry it was resolved to (nil:
// unresolved).
func (s *geoScores) score(g *countryGrid, gold geoToponym, lat, lon float64, cc string, resolved bool, id int64, targets []int64, conf float64) {
	if len(targets) > 0 {
		s.Targets++
		if resolved && containsID(targets, id) {
			s.Entity++
		}
	}
	if resolved {
		s.confs = append(s.confs, conf)
		s.rights = append(s.rights, containsID(targets, id))
	}
	if !resolved {
		s.Errors = append(s.Errors, maxErrorKm)
		s.Unresolved++
		return
	}
	s.Errors = append(s.Errors, gazetteer.DistanceKm(*gold.Lat, *gold.Lon, lat, lon))
	if cc == "" {
		s.NoCountry++ // a continent
		return
	}
	if goldCC := g.country(*gold.Lat, *gold.Lon); cc == goldCC && goldCC != "" {
		s.CountryRight++
	} else if s.countryErrs != nil {
		fmt.Fprintf(s.countryErrs, "country\t%q\tgot %s want %s\n", gold.Text, cc, goldCC)
	}
}

// evalGeoGold resolves the corpus's own spans, with the queries and hints
// the pipeline would build for them, by resolve.
func evalGeoGold(ix *gazetteer.Index, docs []geoDoc, g *countryGrid, resolve func([]gazetteer.Query, []string) []gazetteer.Resolution, errs, misses io.Writer) *geoScores {
	s := &geoScores{countryErrs: errs}
	for _, d := range docs {
		spans := make([]extract.Span, len(d.Toponyms))
		for i, t := range d.Toponyms {
			spans[i] = extract.Span{Start: t.Start, End: t.End}
		}
		queries, hints := extract.SpanQueries(ix, d.Text, spans)
		res := resolve(queries, hints)
		for i, t := range d.Toponyms {
			if !t.HasPoint() {
				continue
			}
			s.Gold++
			cands := ix.Candidates(queries[i].Text)
			if len(cands) > 0 {
				s.HasCandidate++
			}
			nearest, nearestKm := -1, math.Inf(1)
			for j, c := range cands {
				if km := gazetteer.DistanceKm(*t.Lat, *t.Lon, c.Lat, c.Lon); km < nearestKm {
					nearest, nearestKm = j, km
				}
			}
			if nearestKm < 161 {
				s.HasNear++
			} else if misses != nil {
				near := "no candidate"
				if nearest >= 0 {
					c := cands[nearest]
					near = fmt.Sprintf("nearest %s %s.%s %s %.0f km", c.Name, c.CountryCode, c.Admin1, c.FeatureCode, nearestKm)
				}
				fmt.Fprintf(misses, "miss\t%s\t%q\tquery %q\tgold %.4f,%.4f\t%s\n", d.ID, t.Text, queries[i].Text, *t.Lat, *t.Lon, near)
			}
			target := goldTargets(g, t, cands)
			if b := res[i].Best; errs != nil && len(target) > 0 && (b == nil || !containsID(target, b.ID)) {
				var want gazetteer.Entry
				for _, c := range cands {
					if c.ID == target[0] {
						want = c
					}
				}
				got := "unresolved"
				if b != nil {
					got = fmt.Sprintf("%s %s.%s %s pop %d (%.2f)", b.Name, b.CountryCode, b.Admin1, b.FeatureCode, b.Population, res[i].Score)
				}
				fmt.Fprintf(errs, "%s\t%q quals %q\tgot %s\twant %s %s.%s %s pop %d\n", d.ID, t.Text, queries[i].Qualifiers, got,
					want.Name, want.CountryCode, want.Admin1, want.FeatureCode, want.Population)
			}
			if b := res[i].Best; b != nil {
				s.score(g, t, b.Lat, b.Lon, b.CountryCode, true, b.ID, target, res[i].Score)
			} else {
				s.score(g, t, 0, 0, "", false, 0, target, 0)
			}
		}
	}
	return s
}

// evalGeoE2E runs the whole pipeline and matches its places to the gold
// toponyms by overlapping spans, one to one.
// Only places of the given forms count (all when forms is empty); with
// misses non-nil, each gold toponym not found and each place found that is
// no gold toponym is listed there, with its context.
func evalGeoE2E(ctx context.Context, ex *extract.Extractor, docs []geoDoc, g *countryGrid, forms map[string]bool, misses io.Writer) (*geoScores, error) {
	s := &geoScores{E2E: true, byForm: map[string]*formCount{}}
	for _, d := range docs {
		doc := extract.Document{ID: d.ID, Text: d.Text}
		if d.DCT != nil && len(*d.DCT) >= 10 {
			doc.Published = (*d.DCT)[:10]
		}
		res, err := ex.Extract(ctx, doc)
		if err != nil {
			if errors.Is(err, extract.ErrEmptyText) {
				continue
			}
			if _, perr := extract.ParsePublished(doc.Published); perr != nil {
				doc.Published = ""
				if res, err = ex.Extract(ctx, doc); err != nil {
					return nil, fmt.Errorf("%s: %w", d.ID, err)
				}
			} else {
				return nil, fmt.Errorf("%s: %w", d.ID, err)
			}
		}
		places := res.Places[:0:0]
		for _, p := range res.Places {
			if len(forms) == 0 || forms[p.Form] {
				places = append(places, p)
			}
		}
		s.GoldAll += len(d.Toponyms)
		s.PredsAll += len(places)
		used := make([]bool, len(places))
		for _, t := range d.Toponyms {
			match := -1
			for j, p := range places {
				if !used[j] && p.Start < t.End && t.Start < p.End {
					match = j
					break
				}
			}
			if match < 0 {
				s.FN++
				if misses != nil {
					fmt.Fprintf(misses, "missed\t%s\t%q\t%s\t%s\n", d.ID, t.Text, coveringEntity(res, t.Start, t.End), textAround(d.Text, t.Start, t.End))
				}
				continue
			}
			used[match] = true
			s.TP++
			s.form(places[match].Form).matched++
			if t.HasPoint() {
				s.Gold++
				p := places[match]
				target := goldTargets(g, t, ex.Gazetteer().Candidates(t.Text))
				if p.Resolved() {
					s.score(g, t, *p.Lat, *p.Lon, p.CountryCode, true, *p.GeoNameID, target, p.Score)
				} else {
					s.score(g, t, 0, 0, "", false, 0, target, 0)
				}
			}
		}
		for j, u := range used {
			s.form(places[j].Form).found++
			if !u {
				s.FP++
				if misses != nil {
					p := places[j]
					fmt.Fprintf(misses, "false\t%s\t%q\t%s %s\t%s\n", d.ID, p.Text, p.Form, p.Name, textAround(d.Text, p.Start, p.End))
				}
			}
		}
	}
	return s, nil
}

// formCount counts the places found of one form and those matching a
// gold toponym.
type formCount struct{ found, matched int }

func (s *geoScores) form(f string) *formCount {
	c := s.byForm[f]
	if c == nil {
		c = &formCount{}
		s.byForm[f] = c
	}
	return c
}

// coveringEntity names the entity overlapping code points [a, b), as
// "LABEL text", or "-".
func coveringEntity(res extract.Result, a, b int) string {
	for _, e := range res.Entities {
		if e.Start < b && a < e.End {
			return string(e.Label) + " " + e.Text
		}
	}
	return "-"
}

// textAround is the text around code points [a, b) on one line, the span
// in brackets.
func textAround(text string, a, b int) string {
	r := []rune(text)
	lo, hi := max(0, a-40), min(len(r), b+40)
	return strings.Join(strings.Fields(string(r[lo:a])+"["+string(r[a:b])+"]"+string(r[b:hi])), " ")
}

// evalGeoCommand is "geoparse eval geo".
func (a *app) evalGeoCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "geo --corpus FILE.jsonl [--gold-spans]",
		Short: "Toponym resolution (acc@161km, mean/median error, AUC, right country) and recognition P/R/F1",
		Long: `Score toponym resolution against a corpus in the corpora JSONL format (one
document a line: "id", "text", "toponyms": [{start, end, text, lat, lon}]
with code point offsets), with the measures of Gritta et al. (2019):
accuracy within 161 km, mean and median error in km and the area under the
curve of the log error (0 best, 1 worst). A toponym left unresolved counts
at 20,039 km. Also printed: the share of toponyms put in the right country
(the country of the gazetteer's nearest populated place to the gold point).

With --gold-spans, the corpus's own toponym spans are resolved (resolution
alone), and the share of gold toponyms that have any gazetteer candidate,
and one within 161 km (the upper bound), is printed. Without it the whole
pipeline runs: recognition precision, recall and F1 (a predicted place
matches a gold toponym when their spans overlap) and the resolution
measures over the matched toponyms, and how many places of each form
(name, abbreviation, demonym, in_name) were found and matched. Corpora
differ on what they count as a toponym: --forms counts only the places of
the forms a corpus annotates (its README says whether demonyms and names
inside longer names are).`,
		Example: `  geoparse eval geo --corpus ../shared/corpora/tr-news/tr-news.jsonl --gold-spans
  geoparse eval geo --corpus ../shared/corpora/geovirus/geovirus.jsonl --forms name,abbreviation
  geoparse eval geo --corpus ../shared/corpora/tr-news/tr-news.jsonl --forms name,abbreviation,demonym --misses`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := cmd.Flags()
			corpora, _ := f.GetStringArray("corpus")
			gold, _ := f.GetBool("gold-spans")
			gazDir, _ := f.GetString("gazetteer")
			modelPath, _ := f.GetString("resolver")
			if len(corpora) == 0 {
				return errors.New("eval geo: --corpus is required")
			}
			formList, _ := f.GetStringSlice("forms")
			forms := map[string]bool{}
			for _, form := range formList {
				if !slices.Contains(extract.Forms, form) {
					return fmt.Errorf("eval geo: unknown form %q: want some of %s", form, strings.Join(extract.Forms, ","))
				}
				forms[form] = true
			}
			ix, err := openGazetteer(gazDir)
			if err != nil {
				return err
			}
			resolve := ix.Resolve
			if modelPath != "" {
				if !gold {
					return errors.New("eval geo: --resolver needs --gold-spans")
				}
				r, err := gazetteer.LoadRankerFile(modelPath)
				if err != nil {
					return fmt.Errorf("eval geo: %w", err)
				}
				resolve = func(q []gazetteer.Query, h []string) []gazetteer.Resolution { return r.Resolve(ix, q, h) }
			}
			g := newCountryGrid(ix)
			var ex *extract.Extractor
			if !gold {
				if ex, err = extract.New(extract.WithGazetteer(ix)); err != nil {
					return err
				}
			}
			for _, c := range corpora {
				docs, err := loadGeoCorpus(c)
				if err != nil {
					return fmt.Errorf("eval geo: %w", err)
				}
				start := time.Now()
				var s *geoScores
				mode := "gold spans"
				if gold {
					var errs io.Writer
					if v, _ := f.GetBool("errors"); v {
						errs = a.stdout
					}
					var misses io.Writer
					if v, _ := f.GetBool("misses"); v {
						misses = a.stdout
					}
					s = evalGeoGold(ix, docs, g, resolve, errs, misses)
				} else {
					mode = "end to end"
					if len(forms) > 0 {
						mode += ", forms " + strings.Join(formList, ",")
					}
					var misses io.Writer
					if v, _ := f.GetBool("misses"); v {
						misses = a.stdout
					}
					if s, err = evalGeoE2E(cmd.Context(), ex, docs, g, forms, misses); err != nil {
						return fmt.Errorf("eval geo: %w", err)
					}
				}
				fmt.Fprintf(a.stdout, "%s (%d documents, %s)\n", c, len(docs), mode)
				s.write(a.stdout)
				fmt.Fprintf(a.stderr, "geoparse: evaluated in %s\n", time.Since(start).Round(time.Millisecond))
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringArray("corpus", nil, "annotated toponym corpus (JSONL); repeat for several")
	f.Bool("gold-spans", false, "resolve the corpus's own toponym spans (resolution alone)")
	f.Bool("misses", false, "with --gold-spans, list the toponyms with no gazetteer candidate within 161 km of the gold point, and the nearest one; end to end, list the toponyms not found and the places found that are no toponym")
	f.StringSlice("forms", nil, "end to end, count only places of these forms ("+strings.Join(extract.Forms, ",")+"): those the corpus annotates")
	f.Bool("errors", false, "with --gold-spans, list the toponyms resolved to another entry than the right candidate")
	f.String("gazetteer", "", "gazetteer index folder (default: the embedded one)")
	f.String("resolver", "", "resolver weights file written by 'geoparse train resolver' (default: the embedded one)")
	return cmd
}

// writeCalibration prints how often a resolved toponym is the right entry
// at each level of confidence, and the expected calibration error.
func (s *geoScores) writeCalibration(w io.Writer) {
	if len(s.confs) == 0 {
		return
	}
	edges := []float64{0, 0.5, 0.7, 0.9, 1.0000001}
	var b strings.Builder
	ece := 0.0
	for k := 0; k+1 < len(edges); k++ {
		n, right, sum := 0, 0, 0.0
		for i, c := range s.confs {
			if c >= edges[k] && c < edges[k+1] {
				n++
				sum += c
				if s.rights[i] {
					right++
				}
			}
		}
		if n == 0 {
			continue
		}
		acc, mc := float64(right)/float64(n), sum/float64(n)
		ece += float64(n) / float64(len(s.confs)) * math.Abs(acc-mc)
		fmt.Fprintf(&b, "  [%.1f,%.1f): %d at %.2f right %.2f;", edges[k], math.Min(edges[k+1], 1), n, mc, acc)
	}
	fmt.Fprintf(w, "  calibration (confidence vs right entry): ECE %.3f\n   %s\n", ece, strings.TrimSuffix(b.String(), ";"))
}
