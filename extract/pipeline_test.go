package extract

import (
	"context"
	"os"
	"reflect"
	"sync"
	"testing"
)

var (
	sharedExtractorOnce sync.Once
	sharedExtractor     *Extractor
	sharedExtractorErr  error
)

func testExtractor(t *testing.T) *Extractor {
	t.Helper()
	sharedExtractorOnce.Do(func() { sharedExtractor, sharedExtractorErr = New() })
	if sharedExtractorErr != nil {
		t.Fatal(sharedExtractorErr)
	}
	return sharedExtractor
}

func extractFixture(t *testing.T, name, published string) Result {
	t.Helper()
	text, err := os.ReadFile("../testdata/articles/" + name)
	if err != nil {
		t.Fatal(err)
	}
	res, err := testExtractor(t).Extract(context.Background(), Document{ID: name, Text: string(text), Published: published})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// TestHarborFireArticle runs the whole pipeline on a fixture article with
// the furniture of a real news page: a translation banner, keyword lines,
// photo captions with credits, an ALL-CAPS related headline, a share
// prompt and an agency credit.
func TestHarborFireArticle(t *testing.T) {
	res := extractFixture(t, "harbor-fire.txt", "2024-08-22")
	label := map[string]Label{}
	for _, e := range res.Entities {
		label[e.Text] = e.Label
		if e.Label == Person && e.Text == "Mitsotakis" && e.Canonical != "Kyriakos Mitsotakis" {
			t.Errorf("Mitsotakis linked to %q", e.Canonical)
		}
	}
	for text, want := range map[string]Label{
		"Kyriakos Mitsotakis": Person, "Patras": Location, "Greece": Location,
		"Kostas Peletidis": Person, "Catalonia": Location, "Brussels": Location,
	} {
		if label[text] != want {
			t.Errorf("%q labelled %q, want %s", text, label[text], want)
		}
	}
	// Banner words, photographers and agencies are no one's entities.
	for _, text := range []string{"Ce", "Pour", "Nikos Pappas", "AP", "Reuters", "CLICK"} {
		if l, ok := label[text]; ok {
			t.Errorf("%q from page furniture tagged %s", text, l)
		}
	}
	for _, p := range res.Places {
		if p.Text == "Patras" && (p.CountryCode != "GR" || p.FeatureCode != "PPLA") {
			t.Errorf("Patras resolved to %s %s %s", p.Name, p.CountryCode, p.FeatureCode)
		}
		if p.Text == "Brussels" && p.CountryCode != "BE" {
			t.Errorf("Brussels resolved to %s, %s", p.Name, p.CountryCode)
		}
	}
	found := false
	for _, ev := range res.Events {
		p := res.Places[ev.PlaceIndex]
		if p.Text == "Patras" && ev.Date == "2024-08-22" && reflect.DeepEqual(ev.People, []string{"Kyriakos Mitsotakis"}) {
			found = true
		}
		if res.Sentences[ev.Sentence].Kind == KindHeadline {
			t.Errorf("event from a headline: %q", res.SentenceText(ev.Sentence))
		}
	}
	if !found {
		t.Error("no event with Kyriakos Mitsotakis in Patras on 2024-08-22")
	}
}

// TestExtractConcurrent checks that one Extractor gives the same results
// from many goroutines as from one.
func TestExtractConcurrent(t *testing.T) {
	names := []string{"harbor-fire.txt", "lyon-floods.txt", "paris-texas.txt"}
	want := make([]Result, len(names))
	for i, n := range names {
		want[i] = extractFixture(t, n, "2024-05-07")
	}
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for k := 0; k < 6; k++ {
				i := (g + k) % len(names)
				got := extractFixture(t, names[i], "2024-05-07")
				if !reflect.DeepEqual(got, want[i]) {
					errs <- names[i]
				}
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for n := range errs {
		t.Errorf("%s: concurrent result differs from the sequential one", n)
	}
}

func TestExtractRejectsBadText(t *testing.T) {
	ex := testExtractor(t)
	for _, tc := range []struct {
		doc  Document
		want error
	}{
		{Document{Text: "  \n\t"}, ErrEmptyText},
		{Document{Text: "Caf\xe9"}, ErrInvalidUTF8},
	} {
		if _, err := ex.Extract(context.Background(), tc.doc); err != tc.want {
			t.Errorf("Extract(%q) error %v, want %v", tc.doc.Text, err, tc.want)
		}
	}
	if _, err := ex.Extract(context.Background(), Document{Text: "Rain in Oslo.", Published: "last week"}); err == nil {
		t.Error("an unreadable published date was accepted")
	}
}
