package gazetteer

import (
	"encoding/binary"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
)

func TestLookup(t *testing.T) {
	ix := openMini(t)
	tests := []struct {
		name string
		want []int64
	}{
		{"Paris", []int64{2988507, 4717560, 4647963}}, // capital first, then by population
		{"PARIS", []int64{2988507, 4717560, 4647963}},
		{"paris", []int64{2988507, 4717560, 4647963}},
		{"Parigi", []int64{2988507}},                 // alternate name
		{"Париж", []int64{2988507}},                  // alternate name, Cyrillic
		{"Kyiv", []int64{703447, 703446, 703448}},    // divisions before places (Resolve reorders)
		{"Kiev", []int64{703447, 703446, 703448}},    // alternate spelling
		{"Kyïv", []int64{703447, 703446, 703448}},    // diacritic
		{"Izyum", []int64{707292}},                   // alternate
		{"Wroclaw", []int64{3081368}},                // ASCII name
		{"Wrocław", []int64{3081368}},                // preferred name
		{"Dnipropetrovs'k", []int64{709929, 709930}}, // apostrophe look-alikes
		{"St Louis", []int64{4407066}},               // dot
		{"saint-louis", []int64{4407066}},            // hyphen
		{"Kharkivska", []int64{706482}},              // dr5hn name of the ADM1
		{"Ukraine", []int64{690791}},                 // country
		{"Україна", []int64{690791}},                 // its native name
		{"Great Britain", []int64{2635167}},          // curated alias
		{"U.S.", []int64{6252001}},                   // case-sensitive alias
		{"us", nil},                                  // … which the pronoun does not hit
		{"Hrakove", nil},
		{"", nil},
	}
	for _, tt := range tests {
		if got := ids(ix.Lookup(tt.name)); !reflect.DeepEqual(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("Lookup(%q) = %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestEntryFields(t *testing.T) {
	ix := openMini(t)
	es := ix.Lookup("Izium")
	if len(es) != 1 {
		t.Fatalf("Lookup(Izium) = %v", es)
	}
	want := Entry{ID: 707292, Name: "Izium", Lat: 49.20697, Lon: 37.27679, FeatureClass: "P", FeatureCode: "PPLA2",
		CountryCode: "UA", Admin1: "07", Admin1Name: "Kharkiv", Population: 45884}
	if es[0] != want {
		t.Errorf("Izium = %+v\nwant     %+v", es[0], want)
	}
}

func TestCountryAdmin1Demonym(t *testing.T) {
	ix := openMini(t)
	ua, ok := ix.Country("ua")
	if !ok || ua.ID != 690791 || ua.FeatureCode != "PCLI" || ua.Lat != 49 || ua.Lon != 32 || ua.Population != 44622516 {
		t.Errorf("Country(ua) = %+v, %v", ua, ok)
	}
	if _, ok := ix.Country("ZZ"); ok {
		t.Error("Country(ZZ) found")
	}
	kh, ok := ix.Admin1("UA", "07")
	if !ok || kh.ID != 706482 || kh.FeatureCode != "ADM1" || kh.Lat != 49.83 {
		t.Errorf("Admin1(UA, 07) = %+v, %v; want 706482 at the dr5hn point", kh, ok)
	}
	if kh.Population != 1433886+45884+26921 {
		t.Errorf("Admin1(UA, 07).Population = %d, want the sum of its places", kh.Population)
	}
	// dr5hn puts Dnipropetrovska 1,000 km off: the median of its places wins.
	dn, ok := ix.Admin1("UA", "04")
	if !ok || dn.Lat != 48.4593 || dn.Lon != 35.03865 {
		t.Errorf("Admin1(UA, 04) = %+v; want the point of its only place", dn)
	}
	// Texas does not join dr5hn (FIPS 48 ≠ TX): median of Paris and Dallas.
	tx, ok := ix.Admin1("US", "TX")
	if !ok || tx.Lat != (33.66094+32.78306)/2 {
		t.Errorf("Admin1(US, TX) = %+v", tx)
	}
	for word, want := range map[string]string{"Ukrainian": "UA", "ukrainians": "UA", "French": "FR", "Frankish": "FR", "American": "US", "British": "GB", "Polish": "PL"} {
		if got, ok := ix.DemonymCountry(word); !ok || got != want {
			t.Errorf("DemonymCountry(%q) = %q, %v; want %q", word, got, ok, want)
		}
	}
	if got, ok := ix.DemonymCountry("Martian"); ok {
		t.Errorf("DemonymCountry(Martian) = %q", got)
	}
}

func TestOpenRefusesOtherVersion(t *testing.T) {
	dir := buildMini(t)
	p := filepath.Join(dir, indexFileName)
	data, _ := os.ReadFile(p)
	binary.LittleEndian.PutUint32(data[8:], formatVersion+1)
	os.WriteFile(p, data, 0o644)
	_, err := Open(dir)
	if err == nil || !strings.Contains(err.Error(), "rebuild") {
		t.Errorf("Open of a version %d index: err = %v, want one that says to rebuild", formatVersion+1, err)
	}

	os.WriteFile(p, []byte("not an index at all"), 0o644)
	if _, err := Open(dir); err == nil {
		t.Error("Open accepted garbage")
	}
	if _, err := Open(t.TempDir()); err == nil {
		t.Error("Open of an empty folder succeeded")
	}
}

func TestTruncatedIndexFails(t *testing.T) {
	dir := buildMini(t)
	data, _ := os.ReadFile(filepath.Join(dir, indexFileName))
	info, _ := os.ReadFile(filepath.Join(dir, infoFileName))
	for _, n := range []int{0, 10, 100, len(data) / 2, len(data) - 1} {
		if _, err := load(data[:n], info, infoFileName, true); err == nil {
			t.Errorf("load of %d of %d bytes succeeded", n, len(data))
		}
	}
}

func TestConcurrentLookups(t *testing.T) {
	ix := openMini(t)
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 500; i++ {
				if len(ix.Lookup("Paris")) != 3 || len(ix.Lookup("Kiev")) != 3 {
					t.Error("concurrent Lookup gave a wrong answer")
					return
				}
			}
		}()
	}
	wg.Wait()
}

func TestLookupVariants(t *testing.T) {
	ix := openMini(t)
	for name, want := range map[string][]int64{
		"Kharkow":   {706482, 706483}, // variant of Kharkov/Kharkiv: no exact name
		"Balakleia": {712926},
		"Izyum":     {707292}, // exact alternate: no variant needed
		"Pariz":     nil,      // France has no variant keys
		"Dalas":     nil,
	} {
		if got := ids(ix.Lookup(name)); !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
			t.Errorf("Lookup(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestLookupFuzzy(t *testing.T) {
	ix := openMini(t)
	tests := []struct {
		name string
		want []int64
		dist []int
	}{
		{"Khakiv", []int64{706482, 706483}, []int{1, 1}},  // one deletion
		{"Kharkvi", []int64{706482, 706483}, []int{1, 1}}, // transposition
		{"Kharkiv", []int64{706482, 706483}, []int{0, 0}}, // exact
		{"Dnipropetrovks", []int64{709929, 709930}, []int{1, 1}},
		{"Dnepropetrovsk", []int64{709929, 709930}, []int{1, 1}},
		{"Dniprpetrovks", []int64{709929, 709930}, []int{2, 2}}, // two edits in a long name
		{"Buxa", nil, nil}, // under 5 letters: exact only
		{"Kyiv", []int64{703447, 703446, 703448}, []int{0, 0, 0}},
		{"Parus", nil, nil}, // 5 letters, but "paris" is 1 away… see below
	}
	for _, tt := range tests[:len(tests)-1] {
		ms := ix.LookupFuzzy(tt.name, 0)
		var got []int64
		var dist []int
		for _, m := range ms {
			got = append(got, m.ID)
			dist = append(dist, m.Distance)
		}
		if !reflect.DeepEqual(got, tt.want) || !reflect.DeepEqual(dist, tt.dist) {
			t.Errorf("LookupFuzzy(%q) = %v at %v, want %v at %v", tt.name, got, dist, tt.want, tt.dist)
		}
	}
	if ms := ix.LookupFuzzy("Parus", 2); len(ms) != 2 || ms[0].ID != 2988507 || ms[0].Key != "paris" || ms[0].Distance != 1 {
		t.Errorf("LookupFuzzy(Parus, 2) = %+v, want the two most prominent Paris at distance 1", ms)
	}
	for name, want := range map[string]int{"Kyiv": 0, "Kharkiv": 1, "Kyiv Oblast": 2, "Київщина": 1, "Ki-ev": 0} {
		if got := FuzzyDistance(name); got != want {
			t.Errorf("FuzzyDistance(%q) = %d, want %d", name, got, want)
		}
	}
}

// A limited fuzzy lookup is the start of the unlimited one, though it
// reads only the first records of each name (common names, reached
// through several keys, are where a shortcut would go wrong).
func TestLookupFuzzyLimitIsPrefix(t *testing.T) {
	ix, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	queries := []string{"Springfeld", "San Jse", "Santa Crus", "Victorya", "Alexandriia", "Saint Jhon", "Mill Creak", "Nowhere-in-particular"}
	queries = append(queries, typoQueries(ix, 300)...)
	many := 0
	for _, q := range queries {
		all := ix.LookupFuzzy(q, 0)
		if len(all) > 20 {
			many++
		}
		for _, limit := range []int{1, 2, 5, 10, 20} {
			got := ix.LookupFuzzy(q, limit)
			want := all[:min(limit, len(all))]
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("LookupFuzzy(%q, %d) =\n%v\nwant the first %d of the unlimited lookup:\n%v", q, limit, got, limit, want)
			}
		}
	}
	if many < 3 {
		t.Errorf("only %d queries with more than 20 matches: the test does not reach long lists", many)
	}
}

// Prominence says of a name what Lookup's entries say, exact, alias and
// variant matches alike.
func TestProminenceAgreesWithLookup(t *testing.T) {
	ix, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"Paris", "Kyiv", "Ukraine", "U.S.", "Texas", "Springfield", "Kharkiv",
		"Balakleya", "Zaliznyche", "San", "Victoria", "Georgia", "Nowhere-in-particular", ""} {
		var want Prominence
		for _, e := range ix.Lookup(name) {
			want.Places++
			want.Country = want.Country || e.IsCountry()
			want.Admin1 = want.Admin1 || e.IsAdmin1()
			want.MaxPopulation = max(want.MaxPopulation, e.Population)
		}
		if got := ix.Prominence(name); got != want {
			t.Errorf("Prominence(%q) = %+v, Lookup says %+v", name, got, want)
		}
	}
}
