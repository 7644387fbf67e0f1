package main

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"

	"github.com/geoparse/geoparse/extract/timex"
)

// evalTimeCommand is "geoparse eval time": the TempEval-3 measures of the
// temporal expression recognizer on a corpus in the corpora JSONL format.
func (a *app) evalTimeCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "time --corpus FILE.jsonl [--pred FILE.jsonl]",
		Short: "Strict and relaxed span F1, type and value accuracy of temporal expressions (TempEval-3 measures)",
		Long: `Score temporal expressions against a corpus in the corpora JSONL format
(one document a line: "id", "text", "dct" as YYYY-MM-DD, and "timex":
[{start, end, text, type, value}] with code point offsets). Each document
is normalized against its own "dct".

Printed: strict span P/R/F1 (exact offsets), relaxed span P/R/F1 (overlap,
one-to-one), type accuracy and value accuracy over the relaxed matches,
and the TempEval-3 value F1 (relaxed matches with the right value over all
gold and predicted expressions). Values are compared as strings.

With --pred, the predictions of another system are scored instead of
geoparse's own: a JSONL file in the same shape ("id" and "timex"), as
written by scripts/timex-peers/.`,
		Example: `  geoparse eval time --corpus ../shared/corpora/timebank/timebank.jsonl
  geoparse eval time --corpus ../shared/corpora/timebank/timebank.jsonl --pred /tmp/chrono.jsonl`,
		RunE: func(cmd *cobra.Command, _ []string) error {
			f := cmd.Flags()
			corpus, _ := f.GetString("corpus")
			predPath, _ := f.GetString("pred")
			if corpus == "" {
				return errors.New("eval time: --corpus is required")
			}
			docs, err := timex.LoadJSONL(corpus)
			if err != nil {
				return fmt.Errorf("eval time: %s: %w", corpus, err)
			}
			start := time.Now()
			var sc timex.Scores
			system := "geoparse"
			if predPath != "" {
				pred, err := timex.LoadPredictionsJSONL(predPath)
				if err != nil {
					return fmt.Errorf("eval time: %s: %w", predPath, err)
				}
				sc = timex.EvaluatePredictions(docs, pred)
				system = predPath
			} else {
				sc = timex.Evaluate(docs)
			}
			fmt.Fprintf(a.stdout, "%s on %s (%d documents)\n", system, corpus, len(docs))
			fmt.Fprint(a.stdout, sc)
			fmt.Fprintf(a.stderr, "geoparse: evaluated in %s\n", time.Since(start).Round(time.Millisecond))
			return nil
		},
	}
	f := cmd.Flags()
	f.String("corpus", "", "annotated corpus (JSONL with text, dct and timex)")
	f.String("pred", "", "score this predictions file (JSONL with id and timex) instead of running geoparse")
	return cmd
}
