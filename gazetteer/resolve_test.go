package gazetteer

import (
	"reflect"
	"testing"
)

func TestResolve(t *testing.T) {
	ix := openMini(t)
	type want struct {
		id      int64 // 0: unresolved
		minConf float64
	}
	tests := []struct {
		name    string
		queries []Query
		hints   []string
		want    []want
	}{
		{"lone Paris is the capital", []Query{{Text: "Paris"}}, nil, []want{{2988507, 0.6}}},
		{"Paris, Texas", []Query{{Text: "Paris", Qualifiers: []string{"Texas"}}}, nil, []want{{4717560, 0.8}}},
		{"Paris, Tennessee", []Query{{Text: "Paris", Qualifiers: []string{"Tennessee"}}}, nil, []want{{4647963, 0.8}}},
		{"Paris in a Texas story", []Query{{Text: "Paris"}, {Text: "Texas"}, {Text: "Dallas"}, {Text: "Lamar County"}}, nil,
			[]want{{4717560, 0.3}, {4736286, 0.8}, {4684888, 0.8}, {0, 0}}},
		{"Paris in a French story", []Query{{Text: "Paris"}, {Text: "France"}}, nil, []want{{2988507, 0.8}, {3017382, 0.8}}},
		{"region word → division", []Query{{Text: "Kharkiv region"}}, nil, []want{{706482, 0.8}}},
		{"oblast word → division", []Query{{Text: "Kharkiv Oblast"}}, nil, []want{{706482, 0.8}}},
		{"the … region", []Query{{Text: "the Kharkiv region"}}, nil, []want{{706482, 0.8}}},
		{"bare name → the city", []Query{{Text: "Kharkiv"}}, nil, []want{{706483, 0.5}}},
		{"Kyiv is the capital", []Query{{Text: "Kyiv"}}, nil, []want{{703448, 0.5}}},
		{"Kyiv region is the oblast", []Query{{Text: "Kyiv region"}}, nil, []want{{703446, 0.5}}},
		{"qualified chain", []Query{{Text: "Izium", Qualifiers: []string{"Kharkiv region", "Ukraine"}}}, nil, []want{{707292, 0.9}}},
		{"possessive", []Query{{Text: "Ukraine's"}}, nil, []want{{690791, 0.9}}},
		{"alias", []Query{{Text: "U.S."}, {Text: "Britain"}}, nil, []want{{6252001, 0.9}, {2635167, 0.9}}},
		{"unknown", []Query{{Text: "Hrakove"}, {Text: ""}}, []string{"UA"}, []want{{0, 0}, {0, 0}}},
		{"no queries", nil, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := ix.Resolve(tt.queries, tt.hints)
			if len(res) != len(tt.queries) {
				t.Fatalf("%d resolutions for %d queries", len(res), len(tt.queries))
			}
			for i, w := range tt.want {
				r := res[i]
				if r.Score < 0 || r.Score > 1 {
					t.Errorf("%q: score %v outside 0–1", tt.queries[i].Text, r.Score)
				}
				switch {
				case w.id == 0 && r.Best != nil:
					t.Errorf("%q resolved to %d %s, want unresolved", tt.queries[i].Text, r.Best.ID, r.Best.Name)
				case w.id != 0 && r.Best == nil:
					t.Errorf("%q unresolved, want %d", tt.queries[i].Text, w.id)
				case w.id != 0 && r.Best.ID != w.id:
					t.Errorf("%q resolved to %d %s %s.%s (%.2f), want %d", tt.queries[i].Text, r.Best.ID, r.Best.Name, r.Best.CountryCode, r.Best.Admin1, r.Score, w.id)
				case w.id != 0 && r.Score < w.minConf:
					t.Errorf("%q: confidence %.2f, want ≥ %.2f", tt.queries[i].Text, r.Score, w.minConf)
				}
				if r.Best != nil && (len(r.Candidates) == 0 || r.Candidates[0].Entry.ID != r.Best.ID) {
					t.Errorf("%q: Candidates[0] is not Best", tt.queries[i].Text)
				}
			}
		})
	}
}

// Context must move a namesake: the same "Paris" reads differently in two
// documents, and the hint from a demonym counts.
func TestResolveContextAndHints(t *testing.T) {
	ix := openMini(t)
	alone := ix.Resolve([]Query{{Text: "Paris"}}, nil)[0]
	withUS := ix.Resolve([]Query{{Text: "Paris"}}, []string{"US", "US", "US"})[0]
	if alone.Best.ID != 2988507 {
		t.Fatalf("lone Paris = %d", alone.Best.ID)
	}
	var frAlone, frUS float64
	for _, c := range alone.Candidates {
		if c.Entry.ID == 2988507 {
			frAlone = c.Score
		}
	}
	for _, c := range withUS.Candidates {
		if c.Entry.ID == 2988507 {
			frUS = c.Score
		}
	}
	if !(frUS < frAlone) {
		t.Errorf("American hints did not lower Paris FR: %.2f alone, %.2f with hints", frAlone, frUS)
	}
	// A repeated mention does not vote for itself.
	rep := ix.Resolve([]Query{{Text: "Paris"}, {Text: "Paris"}, {Text: "Paris"}}, []string{"US", "US"})
	if rep[0].Best.ID != withUSBest(ix) {
		t.Errorf("repeating Paris changed its reading: %d", rep[0].Best.ID)
	}
}

func withUSBest(ix *Index) int64 {
	return ix.Resolve([]Query{{Text: "Paris"}}, []string{"US", "US"})[0].Best.ID
}

func TestResolveApproximate(t *testing.T) {
	ix := openMini(t)
	res := ix.Resolve([]Query{{Text: "Khakiv"}, {Text: "Balakleia"}, {Text: "Izuim"}, {Text: "Pariss"}, {Text: "Bucah"}, {Text: "Dallax"}}, []string{"UA"})
	want := []int64{706483, 712926, 707292, 2988507, 711350, 4684888}
	for i, w := range want {
		if res[i].Best == nil || res[i].Best.ID != w {
			t.Errorf("mention %d: %+v, want %d", i, res[i].Best, w)
		}
	}
	// An exact name always wins over a fuzzy one: "Paris" is Paris even in
	// a Texan story where "Parisa" would be one edit away.
	if r := ix.Resolve([]Query{{Text: "Paris"}}, nil)[0]; r.Best == nil || r.Best.ID != 2988507 {
		t.Errorf("Paris = %+v", r.Best)
	}
	// Unknown names stay unknown.
	for _, q := range []string{"Hrakove", "Zaliznyche", "Smallville", "Quahog"} {
		if r := ix.Resolve([]Query{{Text: q}}, []string{"UA"})[0]; r.Best != nil {
			t.Errorf("%q resolved to %d %s", q, r.Best.ID, r.Best.Name)
		}
	}
}

// A text named again shares its first mention's lookup; each mention is
// still resolved with its own qualifiers and lead, exactly as a mention
// looked up afresh (" Paris", spaced, is a different text of the same
// name).
func TestRepeatedMentionsShareLookup(t *testing.T) {
	ix, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	shared := []Query{{Text: "Paris"}, {Text: "Kharkiv"}, {Text: "Paris", Qualifiers: []string{"Texas"}}, {Text: "Khakiv", Lead: true}, {Text: "Khakiv"}}
	fresh := []Query{{Text: "Paris"}, {Text: "Kharkiv"}, {Text: " Paris", Qualifiers: []string{"Texas"}}, {Text: "Khakiv", Lead: true}, {Text: " Khakiv"}}
	got, want := ix.Resolve(shared, nil), ix.Resolve(fresh, nil)
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("repeated texts resolve to\n%+v\nlooked up afresh to\n%+v", got, want)
	}
	if got[0].Best == nil || got[2].Best == nil || got[0].Best.CountryCode != "FR" || got[2].Best.CountryCode != "US" {
		t.Errorf("Paris, then Paris, Texas: %+v, %+v", got[0].Best, got[2].Best)
	}
}
