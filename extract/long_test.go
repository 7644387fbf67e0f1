package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/geoparse/geoparse/internal/longtext"
)

func longArticle(tb testing.TB, kind string, size int) string {
	tb.Helper()
	text, err := longtext.Article(kind, size)
	if err != nil {
		tb.Fatal(err)
	}
	return text
}

// BenchmarkExtractLong reports the cost per byte (MB/s) of articles of
// each shape from 2 KiB to 5 MiB, the largest the CLI accepts by default.
// Extraction is linear in the article's length when MB/s stays within a
// factor of two from the smallest to the largest. The memory a 5 MiB
// article takes is checked by cmd/geoparse's TestLongArticleMemory.
func BenchmarkExtractLong(b *testing.B) {
	ex, err := New()
	if err != nil {
		b.Fatal(err)
	}
	for _, kind := range longtext.Kinds {
		for _, size := range []int{2 << 10, 64 << 10, 512 << 10, 5 << 20} {
			text := longArticle(b, kind, size)
			b.Run(fmt.Sprintf("%s/%dKiB", kind, size>>10), func(b *testing.B) {
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for b.Loop() {
					if _, err := ex.Extract(context.Background(), Document{Text: text, Published: "2024-05-07"}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// countingCtx is a context whose Err turns to Canceled after stopAt
// calls (never when stopAt is negative) and counts the calls: it stops
// Extract at a given check, wherever that falls, without a clock.
type countingCtx struct {
	context.Context
	calls, stopAt int
}

func (c *countingCtx) Err() error {
	c.calls++
	if c.stopAt >= 0 && c.calls > c.stopAt {
		return context.Canceled
	}
	return nil
}

// Extract checks its context inside a long document, not only before it:
// a server's timeout then frees its worker at once. Stopped at any one of
// its checks, it returns the context's error.
func TestExtractStopsInsideLongDocument(t *testing.T) {
	ex, err := New()
	if err != nil {
		t.Fatal(err)
	}
	checks := func(text string) int {
		ctx := &countingCtx{Context: context.Background(), stopAt: -1}
		if _, err := ex.Extract(ctx, Document{Text: text}); err != nil {
			t.Fatal(err)
		}
		return ctx.calls
	}
	short, long := longArticle(t, longtext.Prose, 2<<10), longArticle(t, longtext.Prose, 1<<20)
	nShort, nLong := checks(short), checks(long)
	t.Logf("checks: %d for 2 KiB, %d for 1 MiB", nShort, nLong)
	// 1 MiB is several tagger parts and resolver parts.
	if nLong < nShort+8 {
		t.Errorf("%d checks of the context in 1 MiB of text, %d in 2 KiB: want checks inside the document", nLong, nShort)
	}
	for _, stopAt := range []int{0, 1, nShort, nLong / 2, nLong - 1} {
		ctx := &countingCtx{Context: context.Background(), stopAt: stopAt}
		res, err := ex.Extract(ctx, Document{Text: long})
		if !errors.Is(err, context.Canceled) {
			t.Errorf("stopped at check %d of %d: err %v, want context.Canceled", stopAt, nLong, err)
		}
		if len(res.Events) > 0 {
			t.Errorf("stopped at check %d of %d: %d events", stopAt, nLong, len(res.Events))
		}
	}
}

// A document keeps its first MaxEvents events and counts the rest, so
// that a text made of events cannot make output without bound. Events at
// one place merge, so the text names many towns: the gazetteer's large
// ones.
func TestMaxEvents(t *testing.T) {
	ex, err := New()
	if err != nil {
		t.Fatal(err)
	}
	gaz, seen := ex.Gazetteer(), map[string]bool{}
	var b strings.Builder
	for i := 0; i < gaz.Len() && len(seen) < MaxEvents*2; i++ {
		e := gaz.EntryAt(i)
		if e.FeatureClass != "P" || e.Population < 100_000 || seen[e.Name] || strings.ContainsAny(e.Name, ".,'-") {
			continue
		}
		seen[e.Name] = true
		fmt.Fprintf(&b, "Shelling hit %s on Monday.\n\n", e.Name)
	}
	res, err := ex.Extract(context.Background(), Document{Text: b.String(), Published: "2024-05-07"})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Events) != MaxEvents || res.DroppedEvents < 100 {
		t.Fatalf("%d events kept, %d dropped, of %d towns; want %d kept and the rest dropped", len(res.Events), res.DroppedEvents, len(seen), MaxEvents)
	}
	// Kept in text order: the first.
	for i := 1; i < len(res.Events); i++ {
		if prev, cur := res.Places[res.Events[i-1].PlaceIndex], res.Places[res.Events[i].PlaceIndex]; cur.Start < prev.Start {
			t.Fatalf("event %d at %s (%d) before event %d at %s (%d): want text order", i, cur.Text, cur.Start, i-1, prev.Text, prev.Start)
		}
	}
}
