package main

import (
	"bytes"
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/gazetteer"
	"github.com/geoparse/geoparse/internal/atomicfile"
)

// resolverTrainingDocs turns toponym corpora into the ranker's training
// documents: the corpus's own spans, queried as the pipeline queries its
// places, with the right candidate of each (see goldTarget).
func resolverTrainingDocs(ix *gazetteer.Index, g *countryGrid, paths []string) ([]gazetteer.TrainingDoc, error) {
	var out []gazetteer.TrainingDoc
	for _, p := range paths {
		docs, err := loadGeoCorpus(p)
		if err != nil {
			return nil, err
		}
		for _, d := range docs {
			spans := make([]extract.Span, len(d.Toponyms))
			for i, t := range d.Toponyms {
				spans[i] = extract.Span{Start: t.Start, End: t.End}
			}
			td := gazetteer.TrainingDoc{Gold: make([][]int64, len(spans)), Skip: make([]bool, len(spans))}
			td.Queries, td.Hints = extract.SpanQueries(ix, d.Text, spans)
			for i, t := range d.Toponyms {
				if !t.HasPoint() {
					td.Skip[i] = true
					continue
				}
				td.Gold[i] = goldTargets(g, t, ix.Candidates(td.Queries[i].Text))
			}
			out = append(out, td)
		}
	}
	return out, nil
}

// trainResolverCommand is "geoparse train resolver".
func (a *app) trainResolverCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "resolver --corpus FILE.jsonl [--corpus FILE.jsonl] --out FILE",
		Short: "Learn the toponym resolver's ranking weights from toponym corpora",
		Long: `Learn the weights of the toponym resolver's ranking (a two-pass conditional
logit over each mention's gazetteer candidates and "none of these") from
corpora in the corpora JSONL format ("text" and "toponyms" with start, end,
lat, lon and optionally geonameid). The right candidate of a toponym is the
one with its geonameid, else any within 161 km, else the country or
first-level division holding the gold point. Training is deterministic: the
same corpora and gazetteer give the same bytes. The embedded weights are
gazetteer/resolver/weights.json.`,
		Example: `  geoparse train resolver --corpus ../shared/corpora/tr-news/tr-news.jsonl --corpus ../shared/corpora/geovirus/geovirus.jsonl --out gazetteer/resolver/weights.json`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := cmd.Flags()
			corpora, _ := f.GetStringArray("corpus")
			out, _ := f.GetString("out")
			gazDir, _ := f.GetString("gazetteer")
			iters, _ := f.GetInt("iterations")
			l2, _ := f.GetFloat64("l2")
			if len(corpora) == 0 || out == "" {
				return errors.New("train resolver: --corpus and --out are required")
			}
			ix, err := openGazetteer(gazDir)
			if err != nil {
				return err
			}
			start := time.Now()
			docs, err := resolverTrainingDocs(ix, newCountryGrid(ix), corpora)
			if err != nil {
				return fmt.Errorf("train resolver: %w", err)
			}
			r, err := gazetteer.TrainRanker(ix, docs, gazetteer.TrainOptions{Iterations: iters, L2: l2})
			if err != nil {
				return fmt.Errorf("train resolver: %w", err)
			}
			var buf bytes.Buffer
			if err := r.Save(&buf); err != nil {
				return err
			}
			if err := atomicfile.WriteFile(out, buf.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "geoparse: trained %s on %d documents in %s\n", out, len(docs), time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	f := cmd.Flags()
	f.StringArray("corpus", nil, "toponym corpus (JSONL); repeat for several")
	f.String("out", "", "weights file to write (JSON)")
	f.String("gazetteer", "", "gazetteer index folder (default: the embedded one)")
	f.Int("iterations", 0, "optimizer steps per pass (0: the default, 1500)")
	f.Float64("l2", 0, "L2 penalty toward the prior weights (0: the default, 0.001)")
	return cmd
}
