// Command geoparse reads news articles and writes map-ready event records:
// who did what, where and when, as GeoJSON.
//
//	geoparse extract --published 2022-09-14 article.txt > events.geojson
//	geoparse extract --format jsonl articles.jsonl -o annotations.jsonl
//	geoparse gazetteer build --out gazetteer/default FILE...
//
// Every flag can also be set in a config file (--config, or geoparse.yaml
// in the working directory or $HOME/.config/geoparse/) and through
// GEOPARSE_* environment variables (GEOPARSE_FORMAT=jsonl).
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

// errReported marks a failure whose details were already printed.
var errReported = errors.New("see errors above")

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := execute(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// execute runs one command line, prints its error and returns the exit
// status.
func execute(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := newApp(stdin, stdout, stderr)
	root := a.rootCommand()
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err != nil && !a.started {
		// Before a command starts, errors are the command line's:
		// unknown commands and flags, bad flag values, wrong arguments.
		err = usageError(err)
	}
	if err != nil && !errors.Is(err, errReported) {
		fmt.Fprintln(stderr, "geoparse:", err)
		if exitCode(err) == exitUsage && !a.started {
			fmt.Fprintf(stderr, "Run '%s --help' for usage.\n", commandPath(root, args))
		}
	}
	return exitCode(err)
}

// commandPath is the command that args name, for the usage hint.
func commandPath(root *cobra.Command, args []string) string {
	if c, _, err := root.Find(args); err == nil {
		return c.CommandPath()
	}
	return root.CommandPath()
}

// Exit codes, as the README documents them.
const (
	exitOK = 0
	// exitFailed: the run failed, or some documents failed while the
	// rest of the batch was written.
	exitFailed = 1
	// exitUsage: a bad command line, flag value or configuration; nothing
	// was done.
	exitUsage = 2
	// exitInterrupted: SIGINT or SIGTERM stopped the run (128 + SIGINT,
	// as shells report it).
	exitInterrupted = 130
)

// usageErr marks an error of the command line or configuration.
type usageErr struct{ err error }

func (e usageErr) Error() string { return e.err.Error() }
func (e usageErr) Unwrap() error { return e.err }

// usageError marks err as a usage or configuration error (exit status 2).
func usageError(err error) error {
	if err == nil {
		return nil
	}
	return usageErr{err}
}

// exitCode is the process status for the error a command returned.
func exitCode(err error) int {
	var u usageErr
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &u):
		return exitUsage
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	}
	return exitFailed
}

// app carries what the commands share: streams and configuration. There
// is no package-level state, so tests run commands side by side.
type app struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	v              *viper.Viper
	configFile     string
	// sources names where each setting given other than by its flag came
	// from ("GEOPARSE_WORKERS", "workers in geoparse.yaml"), for messages.
	sources map[string]string
	// started is set once a command's flags and arguments were accepted.
	started bool
}

func newApp(stdin io.Reader, stdout, stderr io.Writer) *app {
	return &app{stdin: stdin, stdout: stdout, stderr: stderr, v: viper.New(), sources: map[string]string{}}
}

// newRootCommand returns the geoparse command line over the given streams.
func newRootCommand(stdin io.Reader, stdout, stderr io.Writer) *cobra.Command {
	return newApp(stdin, stdout, stderr).rootCommand()
}

func (a *app) rootCommand() *cobra.Command {
	root := &cobra.Command{
		Use:           "geoparse",
		Short:         "Turn news articles into map-ready event records (people, places, dates → GeoJSON)",
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			a.started = true
			switch cmd.Name() {
			case "extract", "bench", "serve":
				tuneGC()
			}
			return usageError(a.loadConfig(cmd))
		},
	}
	root.SetIn(a.stdin)
	root.SetOut(a.stdout)
	root.SetErr(a.stderr)
	root.PersistentFlags().StringVar(&a.configFile, "config", "", "config file (YAML, TOML or JSON); default ./geoparse.yaml or ~/.config/geoparse/geoparse.yaml")
	root.SetVersionTemplate("{{.Version}}")
	root.AddCommand(a.extractCommand(), a.gazetteerCommand(), a.trainCommand(), a.evalCommand(), a.benchCommand(),
		a.serveCommand(), a.schemaCommand(), a.versionCommand())
	return root
}

// tuneGC sets the collector for extraction, unless GOGC or GOMEMLIMIT say
// otherwise. Extraction makes short-lived garbage fast (about 180 KB an
// article) over a small live heap (about 15 MB), so at the default GOGC of
// 100 the collector runs every few dozen articles; at 400 it runs a
// quarter as often, for about 20 MB more resident memory (measured: 20-30%
// more articles/s on 2 cores). The soft limit makes the collector work
// harder, instead of letting the heap grow to five times what is live,
// once the heap is big, as a huge article's is: one article of the
// default --max-article (5 MiB) holds 130–320 MiB of results while it is
// read, and peaked at 1 GB of resident memory with the limit at 1 GiB;
// at 192 MiB it peaks under 300 MB (see TestLongArticleMemory). Articles
// of news size never come near the limit. The limit is soft: many
// workers on huge articles at once may go past it.
func tuneGC() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(extractGCPercent)
	}
	softMemoryLimit(extractMemoryLimit)
}

// softMemoryLimit sets the runtime's soft memory limit to n bytes, unless
// GOMEMLIMIT sets it.
func softMemoryLimit(n int64) {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(n)
	}
}

const (
	extractGCPercent   = 400
	extractMemoryLimit = 192 << 20
)
