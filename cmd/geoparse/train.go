package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/spf13/cobra"

	"github.com/geoparse/geoparse/extract"
	"github.com/geoparse/geoparse/extract/ner"
	"github.com/geoparse/geoparse/gazetteer"
	"github.com/geoparse/geoparse/internal/atomicfile"
)

func (a *app) trainCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "train", Short: "Train the project's models"}
	nerCmd := &cobra.Command{
		Use:   "ner --corpus FILE --out FILE",
		Short: "Train the entity tagger on a corpus in the corpora JSONL format",
		Long: `Train the entity tagger (averaged perceptron over BILOU labels) on a
corpus in the corpora JSONL format (CoNLL-2003 converted: "text" with one
sentence a line and tokens split by spaces, "entities" with code point
offsets). Gazetteer features come from the embedded gazetteer, or from
--gazetteer; the same gazetteer must be used when tagging. The same corpus,
seed and gazetteer always give the same model bytes.`,
		Example: `  geoparse train ner --corpus ../shared/corpora/conll2003/train.jsonl --out extract/ner/model/conll.ner`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := cmd.Flags()
			corpus, _ := f.GetString("corpus")
			out, _ := f.GetString("out")
			epochs, _ := f.GetInt("epochs")
			seed, _ := f.GetInt64("seed")
			noLex, _ := f.GetBool("no-lexicon")
			gazDir, _ := f.GetString("gazetteer")
			if corpus == "" || out == "" {
				return errors.New("train ner: --corpus and --out are required")
			}
			opts := ner.TrainOptions{Epochs: epochs, Seed: seed}
			if !noLex {
				ix, err := openGazetteer(gazDir)
				if err != nil {
					return err
				}
				opts.Lexicon = extract.PlaceLexicon(ix)
			}
			start := time.Now()
			m, err := ner.TrainFile(corpus, opts)
			if err != nil {
				return fmt.Errorf("train ner: %w", err)
			}
			var buf bytes.Buffer
			if err := m.Save(&buf); err != nil {
				return err
			}
			if err := atomicfile.WriteFile(out, buf.Bytes()); err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "geoparse: trained %s in %s (%d bytes)\n", out, time.Since(start).Round(time.Millisecond), buf.Len())
			return nil
		},
	}
	f := nerCmd.Flags()
	f.String("corpus", "", "training corpus (JSONL)")
	f.String("out", "", "model file to write")
	f.Int("epochs", 0, "training epochs (0: the default, 12)")
	f.Int64("seed", 1, "shuffling seed")
	f.Bool("no-lexicon", false, "train without gazetteer features")
	f.String("gazetteer", "", "gazetteer index folder for the lexicon features (default: the embedded one)")
	cmd.AddCommand(nerCmd, a.trainResolverCommand())
	return cmd
}

func (a *app) evalCommand() *cobra.Command {
	cmd := &cobra.Command{Use: "eval", Short: "Measure accuracy on annotated corpora"}
	nerCmd := &cobra.Command{
		Use:   "ner --corpus FILE [--pipeline]",
		Short: "Precision, recall and F1 of the entity tagger per label, exact span match as CoNLL's conlleval",
		Long: `Score entity recognition per label by exact spans, as CoNLL's conlleval.

Without --pipeline the tagger alone is scored on a tokenized corpus (text
with tokens joined by spaces, as the CoNLL corpora are). With --pipeline
the whole pipeline reads each document's raw text, so any corpus in the
corpora JSONL format with "entities" can be scored (events-dev): PERSON,
ORGANIZATION and MISC are the pipeline's entities, LOCATION its places
named or abbreviated. --misses lists each span missed or false.`,
		Example: `  geoparse eval ner --corpus ../shared/corpora/conll2003/dev.jsonl
  geoparse eval ner --pipeline --corpus ../shared/corpora/events-dev/events-dev.jsonl`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := cmd.Flags()
			corpus, _ := f.GetString("corpus")
			modelPath, _ := f.GetString("model")
			gazDir, _ := f.GetString("gazetteer")
			if corpus == "" {
				return errors.New("eval ner: --corpus is required")
			}
			if pipeline, _ := f.GetBool("pipeline"); pipeline {
				if modelPath != "" {
					return errors.New("eval ner: --model is for the tagger alone, not with --pipeline")
				}
				ex, err := openExtractor(gazDir)
				if err != nil {
					return err
				}
				var misses io.Writer
				if v, _ := f.GetBool("misses"); v {
					misses = a.stdout
				}
				start := time.Now()
				sc, err := evalNERPipeline(cmd.Context(), ex, corpus, misses)
				if err != nil {
					return fmt.Errorf("eval ner: %w", err)
				}
				fmt.Fprint(a.stdout, sc)
				fmt.Fprintf(a.stderr, "geoparse: evaluated in %s\n", time.Since(start).Round(time.Millisecond))
				return nil
			}
			m, err := loadNERModel(modelPath)
			if err != nil {
				return err
			}
			if m.UsesLexicon() {
				ix, err := openGazetteer(gazDir)
				if err != nil {
					return err
				}
				m = m.WithLexicon(extract.PlaceLexicon(ix))
			}
			start := time.Now()
			sc, err := ner.EvalFile(m, corpus)
			if err != nil {
				return fmt.Errorf("eval ner: %w", err)
			}
			fmt.Fprint(a.stdout, sc)
			fmt.Fprintf(a.stderr, "geoparse: evaluated in %s\n", time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	f := nerCmd.Flags()
	f.String("corpus", "", "annotated corpus (JSONL)")
	f.String("model", "", "model file (default: the embedded one)")
	f.String("gazetteer", "", "gazetteer index folder (default: the embedded one)")
	f.Bool("pipeline", false, "run the whole pipeline on each document's raw text and score its entities and places")
	f.Bool("misses", false, "with --pipeline, list each gold span missed and each false span")
	cmd.AddCommand(nerCmd, a.evalTimeCommand(), a.evalGeoCommand(), a.evalEventsCommand())
	return cmd
}

func loadNERModel(path string) (*ner.Model, error) {
	if path == "" {
		return ner.Default()
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := ner.Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// openExtractor is an Extractor on the gazetteer index in dir, or on the
// embedded one when dir is empty.
func openExtractor(dir string) (*extract.Extractor, error) {
	ix, err := openGazetteer(dir)
	if err != nil {
		return nil, err
	}
	return extract.New(extract.WithGazetteer(ix))
}

func openGazetteer(dir string) (*gazetteer.Index, error) {
	if dir == "" {
		return gazetteer.Default()
	}
	return gazetteer.Open(dir)
}
