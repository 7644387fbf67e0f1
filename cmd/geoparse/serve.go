package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"runtime"
	"time"

	"github.com/spf13/cobra"

	"github.com/geoparse/geoparse/server"
)

func (a *app) serveCommand() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "serve [flags]",
		Short: "Serve the extraction API and a map page over HTTP",
		Long: `Serve the extraction API and a map page over HTTP.

  POST /v1/extract   text/plain, application/json ({"id", "text", "published",
                     "title", "url"}) or application/x-ndjson (a small batch)
                     → GeoJSON; ?format=geojsonseq or ?format=jsonl for the
                     other formats of geoparse extract; ?published=YYYY-MM-DD
                     for documents that carry no date
  GET  /healthz      {"status":"ok"}
  GET  /v1/open      the --open FILE, which the page loads at startup
  GET  /             the map page: paste or upload an article, see the events;
                     or open a result file of geoparse extract (.geojson,
                     .geojsonl, .jsonl) to browse a corpus: clusters, a
                     timeline to brush, filters by type, person and country,
                     a table of the events

The page and its map library are in the binary: nothing is fetched from
elsewhere. Base-map tiles come from --tiles when given; without it the map
shows the markers over country outlines.

By default the server listens on the loopback interface only; pass
--addr 0.0.0.0:8080 (or a host's address) to reach it from elsewhere.
Bodies over --max-body get 413; a body not received within --body-timeout
gets 408 (bodies are received before a --max-concurrent slot is taken, so
slow clients hold no slot); requests beyond --max-concurrent get 503 with
Retry-After; an extraction running past --timeout is stopped and gets 503.
The answer is written within --write-timeout while its slot is held.
SIGINT or SIGTERM stops it gracefully: requests in progress are finished.
One access log line a request goes to stderr as JSON.`,
		Example: `  geoparse serve
  geoparse serve --open events.geojsonl
  geoparse serve --addr 127.0.0.1:9000 --tiles 'https://tile.example.org/{z}/{x}/{y}.png'
  curl -H 'Content-Type: text/plain' --data-binary @article.txt 'http://127.0.0.1:8080/v1/extract?published=2024-08-22'`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return a.runServe(cmd.Context())
		},
	}
	f := cmd.Flags()
	f.String("addr", "127.0.0.1:8080", "address to listen on (host:port); loopback unless told otherwise")
	f.String("max-body", "10MiB", "request body limit: bytes, or a size such as 10MiB or 10MB (MiB = 2²⁰ bytes, MB = 10⁶); larger bodies get 413")
	f.String("max-article", "5MiB", "largest single article in a request: bytes, or a size such as 5MiB or 5MB; larger ones get 413")
	f.Duration("timeout", server.DefaultTimeout, "per-request time limit for extraction, from when the body is received; past it the extraction stops and the request gets 503")
	f.Duration("body-timeout", server.DefaultBodyTimeout, "time a client has to send a request's body once its headers are in (headers get as long, at most 10s); past it 408")
	f.Duration("write-timeout", server.DefaultWriteTimeout, "time a client has to read an extraction's answer, during which it keeps its --max-concurrent slot; past it the connection is closed")
	f.Int("max-concurrent", runtime.GOMAXPROCS(0)*2, "extraction requests run at once; more get 503 with Retry-After")
	f.Int("max-batch", server.DefaultMaxBatch, "most documents in one JSONL request")
	f.String("tiles", "", "base-map tile URL template, e.g. https://tile.example.org/{z}/{x}/{y}.png (default: none, country outlines only)")
	f.String("tiles-attribution", "", "attribution shown on the map for --tiles")
	f.String("open", "", "result file of geoparse extract (.geojson, .geojsonl or .jsonl) that the map page shows at startup")
	f.String("gazetteer", "", "gazetteer index folder built by 'geoparse gazetteer build' (default: the embedded one)")
	return cmd
}

// serveHook, set in the command's context under serveHookKey (by tests),
// is told the address the server listens on.
type serveHook func(addr string)

type serveHookKey struct{}

func (a *app) runServe(ctx context.Context) error {
	v := a.v
	maxBody, err := parseSize(v.GetString("max-body"))
	if err != nil {
		return fmt.Errorf("--max-body: %w", err)
	}
	maxArticle, err := parseSize(v.GetString("max-article"))
	if err != nil {
		return fmt.Errorf("--max-article: %w", err)
	}
	timeout := v.GetDuration("timeout")
	if timeout <= 0 {
		return errors.New("--timeout must be positive")
	}
	bodyTimeout := v.GetDuration("body-timeout")
	if bodyTimeout <= 0 {
		return errors.New("--body-timeout must be positive")
	}
	writeTimeout := v.GetDuration("write-timeout")
	if writeTimeout <= 0 {
		return errors.New("--write-timeout must be positive")
	}
	ex, err := newExtractor(extractConfig{gazetteer: v.GetString("gazetteer")})
	if err != nil {
		return err
	}
	logger := slog.New(slog.NewJSONHandler(a.stderr, nil))
	srv, err := server.New(server.Config{
		Extractor:        ex,
		MaxBody:          maxBody,
		MaxArticle:       maxArticle,
		Timeout:          timeout,
		BodyTimeout:      bodyTimeout,
		WriteTimeout:     writeTimeout,
		MaxConcurrent:    v.GetInt("max-concurrent"),
		MaxBatch:         v.GetInt("max-batch"),
		Tiles:            v.GetString("tiles"),
		TilesAttribution: v.GetString("tiles-attribution"),
		Open:             v.GetString("open"),
		Logger:           logger,
	})
	if err != nil {
		return err
	}
	addr := v.GetString("addr")
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", addr)
	if err != nil {
		return err
	}
	if host, _, err := net.SplitHostPort(ln.Addr().String()); err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			logger.Warn("listening beyond loopback: anyone who can reach this address can use the API", "addr", ln.Addr().String())
		}
	}
	// Headers come in one or two packets; a client dripping them
	// (slowloris) is cut off after 10 s, or sooner when bodies get less.
	// Such a client holds a connection and a goroutine, never a slot.
	headerTimeout := min(10*time.Second, bodyTimeout)
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: headerTimeout,
		// The extraction handler sets its own body and answer deadlines;
		// these bound the other handlers, whose unread bodies net/http
		// drains after them, and whose answers (--open) can be large.
		ReadTimeout:  headerTimeout + bodyTimeout,
		WriteTimeout: bodyTimeout + timeout + writeTimeout,
		// An idle keep-alive connection holds no slot and no budget.
		IdleTimeout:    2 * time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		BaseContext:    func(net.Listener) context.Context { return context.WithoutCancel(ctx) },
	}
	logger.Info("listening", "url", "http://"+ln.Addr().String()+"/")
	if hook, ok := ctx.Value(serveHookKey{}).(serveHook); ok {
		hook(ln.Addr().String())
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	// Graceful shutdown: stop accepting, let requests in progress finish,
	// each of which is bounded by its stages' timeouts.
	logger.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), headerTimeout+bodyTimeout+timeout+writeTimeout+5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil {
		hs.Close()
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	logger.Info("stopped")
	return nil
}
