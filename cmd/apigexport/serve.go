package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/apigexport/apigexport/cmd/apigexport/internal/server"
	"github.com/apigexport/apigexport/web"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", "serve -data DIR (-credentials FILE | -insecure) [-addr host:port]", stdout, stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `host:port`")
	data := fs.String("data", "", "serve the bundles in `DIR`/{project_id}/{instance_id}/*.json (re-read when they change)")
	credsFile := fs.String("credentials", "", "JSON or YAML `FILE` of the principals that may call, with their tokens, AK/SK pairs and projects")
	insecure := fs.Bool("insecure", false, "without -credentials, let anybody call; only on a loopback address")
	if _, code, ok := parseFlags(fs, args); !ok {
		return code
	}
	cfg := server.Config{DataDir: *data, Web: web.Handler()}
	switch {
	case *credsFile != "" && *insecure:
		fmt.Fprintln(stderr, "apigexport: -insecure and -credentials exclude each other")
		return exitUsage
	case *credsFile != "":
		raw, err := os.ReadFile(*credsFile)
		if err != nil {
			return fail(stderr, err)
		}
		if cfg.Credentials, err = server.ParseCredentials(*credsFile, raw); err != nil {
			return fail(stderr, err)
		}
	case !*insecure:
		fmt.Fprintln(stderr, "apigexport: serve needs -credentials FILE, or -insecure to let anybody on this machine call it")
		return exitUsage
	case !isLoopback(*addr):
		fmt.Fprintf(stderr, "apigexport: -insecure listens only on a loopback address, not %s\n", *addr)
		return exitUsage
	}
	log := slog.New(slog.NewJSONHandler(stderr, nil))
	cfg.Log = log
	if !web.HasEngine() {
		log.Warn("the web page's engine is not built in: run make wasm before building the command")
	}
	handler, err := server.New(cfg)
	if err != nil {
		return fail(stderr, err)
	}
	defer handler.Close()
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return fail(stderr, err)
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	log.Info("serving", "addr", fmt.Sprintf("http://%s/", ln.Addr()))
	select {
	case err := <-errc:
		return fail(stderr, err)
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fail(stderr, err)
	}
	log.Info("stopped")
	return exitOK
}

// isLoopback reports whether addr's host is a loopback address or
// localhost.
func isLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
