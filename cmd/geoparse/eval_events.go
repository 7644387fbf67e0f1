package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/extract/eventeval"
	"github.com/geoparse/geoparse/geo"
)

func (a *app) evalEventsCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "events --corpus FILE.jsonl [--nonevents FILE.jsonl]",
		Short: "Event records: precision, recall and F1, people recall, causes of false and missed events",
		Long: `Run the pipeline over a gold event corpus (the events-dev format: one
document a line with "id", "published", "text", "toponyms" and "events":
[{place_text, lat, lon, date, people, what}]) and score its event records.

A predicted event matches a gold event of the same document when its point
lies within 50 km of the gold place and its date_start..date_end lies
inside the gold date's interval (a day, a month, a year); matching is one
to one. Printed: precision, recall and F1 of events, the recall of the gold
people on matched events, and the causes of false and missed events. With
--nonevents (the corpus's list of non-event places and their reasons), a
false event at a listed mention is counted under that reason (origin,
future, container, …). --errors lists every false and missed event.`,
		Example: `  geoparse eval events --corpus ../shared/corpora/events-dev/events-dev.jsonl \
      --nonevents ../shared/corpora/events-dev/nonevents-dev.jsonl`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := cmd.Flags()
			corpus, _ := f.GetString("corpus")
			nonPath, _ := f.GetString("nonevents")
			gazDir, _ := f.GetString("gazetteer")
			listErrors, _ := f.GetBool("errors")
			if corpus == "" {
				return errors.New("eval events: --corpus is required")
			}
			docs, err := eventeval.LoadCorpus(corpus)
			if err != nil {
				return fmt.Errorf("eval events: %w", err)
			}
			var nonEvents map[string][]eventeval.NonEvent
			if nonPath != "" {
				if nonEvents, err = eventeval.LoadNonEvents(nonPath); err != nil {
					return fmt.Errorf("eval events: %w", err)
				}
			}
			ex, err := openExtractor(gazDir)
			if err != nil {
				return err
			}
			start := time.Now()
			pred, err := predictEvents(cmd.Context(), ex, docs)
			if err != nil {
				return fmt.Errorf("eval events: %w", err)
			}
			sc := eventeval.Score(docs, nonEvents, pred)
			if err := sc.Write(a.stdout); err != nil {
				return err
			}
			if listErrors {
				w := bufio.NewWriter(a.stdout)
				fmt.Fprintln(w, "errors:")
				for _, e := range sc.Errors {
					fmt.Fprintf(w, "  %s\t%s\t%-24s\t%q\t%s\n", e.Doc, e.Kind, e.Cause, e.Place, e.Date)
				}
				if err := w.Flush(); err != nil {
					return err
				}
			}
			fmt.Fprintf(a.stderr, "geoparse: %d documents evaluated in %s\n", len(docs), time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	f := cmd.Flags()
	f.String("corpus", "", "gold event corpus (JSONL, events-dev format)")
	f.String("nonevents", "", "the corpus's non-event places and their reasons (JSONL), to explain false events")
	f.String("gazetteer", "", "gazetteer index folder (default: the embedded one)")
	f.Bool("errors", false, "list every false and missed event")
	return cmd
}

// predictEvents extracts every document on all cores and returns its
// event records and place mentions, as the JSONL output has them.
func predictEvents(ctx context.Context, ex *extract.Extractor, docs []eventeval.Doc) (map[string]eventeval.Prediction, error) {
	out := make([]eventeval.Prediction, len(docs))
	errs := make([]error, len(docs))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				d := docs[i]
				res, err := ex.Extract(ctx, extract.Document{ID: d.ID, Text: d.Text, Title: d.Title, Published: d.Published})
				if err != nil {
					errs[i] = fmt.Errorf("%s: %w", d.ID, err)
					continue
				}
				out[i] = predictionOf(&res)
			}
		}()
	}
	for i := range docs {
		next <- i
	}
	close(next)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	m := make(map[string]eventeval.Prediction, len(docs))
	for i, d := range docs {
		m[d.ID] = out[i]
	}
	return m, nil
}

func predictionOf(res *extract.Result) eventeval.Prediction {
	var p eventeval.Prediction
	for _, r := range geo.Records(res) {
		e := eventeval.Predicted{DateStart: r.DateStart, DateEnd: r.DateEnd, People: r.People, PlaceText: r.PlaceText, Start: r.Start, End: r.End}
		if !r.Unresolved {
			lat, lon := r.Lat, r.Lon
			e.Lat, e.Lon = &lat, &lon
		}
		p.Events = append(p.Events, e)
	}
	for _, pl := range res.Places {
		p.Places = append(p.Places, eventeval.Mention{Start: pl.Start, End: pl.End, Lat: pl.Lat, Lon: pl.Lon, Role: pl.Role})
	}
	return p
}
