package gazetteer

import (
	"bufio"
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The full-size build is measured on a synthetic dump of the shape of the
// real one (the real one is not on the test machines): allCountries.txt
// with 13 million rows and alternateNamesV2.txt with 18 million. Both are
// gated by environment variables so that go test ./... stays fast:
//
//	GEOPARSE_SYNTH_DIR=/tmp/synth go test ./gazetteer -run TestSyntheticDump -v
//	    writes the dump (GEOPARSE_SYNTH_ROWS, GEOPARSE_SYNTH_ALTS override
//	    the sizes), builds an index from it into $GEOPARSE_SYNTH_DIR/index
//	    and reports the time; an existing dump is reused.
//	GEOPARSE_SYNTH_INDEX=/tmp/synth/index go test ./gazetteer -run - -bench Synthetic
//	    benchmarks opening and looking up in that index.
//
// Peak memory is best read from the command: /usr/bin/time -v geoparse
// gazetteer build --out DIR $GEOPARSE_SYNTH_DIR/*.txt.

var synthSyllables = strings.Fields(`ka ki ko ku ba be bi bo va ve vi vo ha he hi ho
	la le li lo ma me mi mo na ne ni no pa pe pi po ra re ri ro sa se si so ta te ti to
	za ze zi zo kha khi kho cha che chi sha she shi zha zhi ya yu ye yi ia iu ie ov iv
	ev ivka ivske ne ka ske ovo ino ane ovsk grad pol gorsk dar lyn mar ter ber ston ville
	burg ham ton field ford bury ley dale wood land port mouth haven`)

var synthCyr = strings.Fields(`ка ки ко ку ба бе бі бо ва ве ві во га ге гі го ла ле лі ло ма ме мі мо
	на не ні но па пе пі по ра ре рі ро са се сі со та те ті то за зе зі зо ха хі хо ча че чі ша ше
	ів івка ське ове ово ине ськ град поль`)

func synthName(r *rand.Rand, syl []string) string {
	var b strings.Builder
	words := 1
	if r.IntN(8) == 0 {
		words = 2
	}
	for w := 0; w < words; w++ {
		if w > 0 {
			b.WriteByte(' ')
		}
		n := 2 + r.IntN(3)
		start := b.Len()
		for i := 0; i < n; i++ {
			b.WriteString(syl[r.IntN(len(syl))])
		}
		if syl[0] == "ka" { // capitalize Latin
			s := []byte(b.String())
			s[start] -= 'a' - 'A'
			b.Reset()
			b.Write(s)
		}
	}
	return b.String()
}

var synthClasses = []struct {
	class string
	codes []string
	share int
}{
	{"P", []string{"PPL", "PPL", "PPL", "PPLX", "PPLA4", "PPLA3", "PPLA2", "PPLL"}, 36},
	{"A", []string{"ADM4", "ADM3", "ADM2", "ADMD"}, 5},
	{"H", []string{"STM", "LK", "RSV", "SPNG"}, 18},
	{"T", []string{"MT", "HLL", "PK", "VAL"}, 18},
	{"S", []string{"SCH", "CH", "HTL", "FRM", "BLDG"}, 14},
	{"L", []string{"AREA", "LCTY", "PRK"}, 5},
	{"V", []string{"FRST"}, 2},
	{"R", []string{"RD"}, 1},
	{"U", []string{"SMU"}, 1},
}

// writeSyntheticDump writes allCountries.txt and alternateNamesV2.txt.
func writeSyntheticDump(dir string, rows, alts int) error {
	r := rand.New(rand.NewPCG(1, 2))
	var ccs []string
	for a := 'A'; a <= 'Z'; a++ {
		for c := 'A'; c <= 'J'; c++ {
			ccs = append(ccs, string(a)+string(c))
		}
	}
	f, err := os.Create(filepath.Join(dir, "allCountries.txt"))
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 4<<20)
	maxID := 0
	for i := 0; i < rows; i++ {
		id := 1 + i + i/7 // gaps, as in the real ids
		maxID = id
		name := synthName(r, synthSyllables)
		var alt []string
		switch k := r.IntN(10); {
		case k < 2:
			for j := 0; j < 1+r.IntN(4); j++ {
				alt = append(alt, synthName(r, synthSyllables))
			}
		case k < 3:
			alt = append(alt, synthName(r, synthCyr))
		}
		cls := r.IntN(100)
		var class, code string
		for _, c := range synthClasses {
			if cls < c.share {
				class, code = c.class, c.codes[r.IntN(len(c.codes))]
				break
			}
			cls -= c.share
		}
		pop := 0
		if class == "P" && r.IntN(3) == 0 {
			pop = int(10 * float64(1) * float64(r.IntN(1000)) * float64(1+r.IntN(100)) / 10)
		}
		cc := ccs[r.IntN(len(ccs))]
		if r.IntN(10) == 0 {
			cc = "UA"
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%.5f\t%.5f\t%s\t%s\t%s\t\t%02d\t%d\t\t\t%d\t\t%d\tEurope/Kyiv\t2023-01-%02d\n",
			id, name, name, strings.Join(alt, ","), r.Float64()*170-85, r.Float64()*360-180,
			class, code, cc, 1+r.IntN(27), 1000+r.IntN(9000), pop, r.IntN(3000), 1+r.IntN(28))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	f, err = os.Create(filepath.Join(dir, "alternateNamesV2.txt"))
	if err != nil {
		return err
	}
	w = bufio.NewWriterSize(f, 4<<20)
	langs := []string{"", "", "en", "ru", "uk", "de", "fr", "pl", "link", "wkdt", "post", "es", "it", "zh", "ja"}
	for i := 0; i < alts; i++ {
		gid := 1 + r.IntN(maxID)
		lang := langs[r.IntN(len(langs))]
		var name string
		switch lang {
		case "link":
			name = "https://en.wikipedia.org/wiki/" + synthName(r, synthSyllables)
		case "wkdt":
			name = "Q" + strconv.Itoa(r.IntN(1e8))
		case "post":
			name = strconv.Itoa(10000 + r.IntN(90000))
		case "ru", "uk":
			name = synthName(r, synthCyr)
		default:
			name = synthName(r, synthSyllables)
		}
		pref, short, coll, hist := "", "", "", ""
		if r.IntN(10) == 0 {
			pref = "1"
		}
		if r.IntN(30) == 0 {
			hist = "1"
		}
		fmt.Fprintf(w, "%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t\t\n", i+1, gid, lang, name, pref, short, coll, hist)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	return f.Close()
}

func envInt(name string, def int) int {
	if v, err := strconv.Atoi(os.Getenv(name)); err == nil && v > 0 {
		return v
	}
	return def
}

func TestSyntheticDump(t *testing.T) {
	dir := os.Getenv("GEOPARSE_SYNTH_DIR")
	if dir == "" {
		t.Skip("set GEOPARSE_SYNTH_DIR to write a full-size synthetic GeoNames dump there and build it")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	all := filepath.Join(dir, "allCountries.txt")
	if _, err := os.Stat(filepath.Join(dir, "alternateNamesV2.txt")); err != nil {
		start := time.Now()
		if err := writeSyntheticDump(dir, envInt("GEOPARSE_SYNTH_ROWS", 13_000_000), envInt("GEOPARSE_SYNTH_ALTS", 18_000_000)); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote the synthetic dump in %s", time.Since(start).Round(time.Second))
	}
	out := filepath.Join(dir, "index")
	start := time.Now()
	err := Build(context.Background(), BuildOptions{Out: out, Progress: os.Stderr,
		Inputs: []string{all, filepath.Join(dir, "alternateNamesV2.txt"), filepath.Join(miniDir, "countryInfo.txt"), filepath.Join(miniDir, "admin1CodesASCII.txt")}})
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(filepath.Join(out, indexFileName))
	t.Logf("built %s (%d MB) in %s", out, st.Size()>>20, time.Since(start).Round(time.Second))
	ix, err := Open(out)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("info: %+v", ix.Info())
}

func synthIndex(b *testing.B) (*Index, string) {
	dir := os.Getenv("GEOPARSE_SYNTH_INDEX")
	if dir == "" {
		b.Skip("set GEOPARSE_SYNTH_INDEX to an index built by TestSyntheticDump")
	}
	ix, err := Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	return ix, dir
}

// synthQueries are n distinct names the index holds, spread evenly over
// its keys (so that a query is a random name, not a random place: the
// synthetic names, made of few syllables, are far more often shared than
// real ones, and a random place would mostly have one of the commonest).
func synthQueries(ix *Index, n int) []string {
	stride := max(1, ix.Info().Names/n)
	var out []string
	i := 0
	ix.trie.each(func(k []byte) {
		if i%stride == 0 && len(out) < n {
			out = append(out, string(k))
		}
		i++
	})
	return out
}

func BenchmarkSyntheticOpen(b *testing.B) {
	_, dir := synthIndex(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		// An index keeps its memory for the life of the program: freed
		// here, or a few opens of a GB index exhaust the memory, and
		// tens of thousands of small ones the process's mappings
		// (vm.max_map_count).
		b.StopTimer()
		freeIndexMemory(ix.data)
		b.StartTimer()
	}
}

func BenchmarkSyntheticLookup(b *testing.B) {
	ix, _ := synthIndex(b)
	qs := synthQueries(ix, 4096)
	var buf []Entry
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = ix.AppendLookup(buf[:0], qs[i%len(qs)])
	}
}

func BenchmarkSyntheticLookupFuzzy(b *testing.B) {
	ix, _ := synthIndex(b)
	qs := synthQueries(ix, 4096)
	for i := range qs {
		if i%2 == 0 && len(qs[i]) > 3 {
			q := []byte(qs[i])
			q[len(q)/2] = 'x'
			qs[i] = string(q)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = ix.LookupFuzzy(qs[i%len(qs)], 10)
	}
}

// BenchmarkSyntheticLookupFuzzyTypos looks up names of the index with the
// typos FuzzyDistance allows them (typoQueries): 1 edit in names of 5 to
// 8 letters, 2 from 9, as text misspells them.
func BenchmarkSyntheticLookupFuzzyTypos(b *testing.B) {
	ix, _ := synthIndex(b)
	qs := typoQueries(ix, 4096)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		_ = ix.LookupFuzzy(qs[i%len(qs)], 10)
	}
}
