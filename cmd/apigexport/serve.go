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
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/apigexport/apigexport/cmd/apigexport/internal/server"
	"github.com/apigexport/apigexport/web"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("serve", "serve -data DIR (-credentials FILE | -insecure) [-addr host:port] [limits]", stdout, stderr)
	addr := fs.String("addr", "127.0.0.1:8080", "listen on `host:port`")
	data := fs.String("data", "", "serve the bundles in `DIR`/{project_id}/{instance_id}/*.json (re-read when they change; replace them by renaming)")
	credsFile := fs.String("credentials", "", "JSON or YAML `FILE` of the principals that may call, with their tokens, AK/SK pairs and projects")
	insecure := fs.Bool("insecure", false, "without -credentials, let anybody call; only on a loopback address")
	signedHost := fs.Bool("require-signed-host", false, "refuse AK/SK signatures that do not cover the host header (the official SDK does not sign it)")
	maxMemory := fs.Int64("max-memory", defaultMemoryMiB(), "the memory budget in `MiB`: exports are admitted while their estimated peaks fit; the default is half the machine's or the cgroup's memory")
	maxExports := fs.Int("max-exports", runtime.GOMAXPROCS(0), "how many exports run at once; the default is the number of CPUs")
	maxConns := fs.Int("max-conns", 256, "how many connections are open at once; more wait -queue-wait, then get 503")
	queueWait := fs.Duration("queue-wait", 2*time.Second, "how long a request waits for room within the limits before it gets 429 (or 503 for a connection)")
	writeTimeout := fs.Duration("write-timeout", 30*time.Second, "how long one write of an answer (64 KiB at most) may take before the answer is cut")
	grace := fs.Duration("shutdown-grace", 30*time.Second, "on SIGINT or SIGTERM, how long requests in flight may take to finish before they are cut")
	if _, code, ok := parseFlags(fs, args); !ok {
		return code
	}
	for _, f := range []struct {
		name string
		bad  bool
		want string
	}{
		{"-max-memory", *maxMemory < server.MinMemory>>20, fmt.Sprintf("at least %d (MiB)", server.MinMemory>>20)},
		{"-max-exports", *maxExports < 1, "at least 1"},
		{"-max-conns", *maxConns < 1, "at least 1"},
		{"-queue-wait", *queueWait < 0, "a duration of 0 or more, such as 2s"},
		{"-write-timeout", *writeTimeout <= 0, "a duration above 0, such as 30s"},
		{"-shutdown-grace", *grace < 0, "a duration of 0 or more, such as 30s"},
	} {
		if f.bad {
			fmt.Fprintf(stderr, "apigexport: %s must be %s\n", f.name, f.want)
			return exitUsage
		}
	}
	cfg := server.Config{DataDir: *data, Web: web.Handler(), RequireSignedHost: *signedHost, Limits: server.Limits{
		MaxMemory: *maxMemory << 20, MaxExports: *maxExports, QueueWait: *queueWait, WriteTimeout: *writeTimeout}}
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
		log.Warn("the web page's engine is not built in: the page says so; build the command with make build")
	}
	// The runtime collects garbage harder as the process nears the budget,
	// so that what the admission counts as live is what the process holds.
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(cfg.MaxMemory)
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
		// No WriteTimeout: it would count from the request's start, compute
		// included, and cut a slow but steady reader; each write has its own
		// deadline instead (-write-timeout).
		IdleTimeout:    time.Minute,
		MaxHeaderBytes: 64 << 10,
		ErrorLog:       slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(server.LimitListener(ln, *maxConns, *queueWait, log)) }()
	log.Info("serving", "addr", fmt.Sprintf("http://%s/", ln.Addr()), "max_memory_mib", *maxMemory,
		"max_exports", *maxExports, "max_conns", *maxConns)
	select {
	case err := <-errc:
		return fail(stderr, err)
	case <-ctx.Done():
	}
	stop()
	log.Info("stopping", "grace", grace.String())
	shutdown, cancel := context.WithTimeout(context.Background(), *grace)
	defer cancel()
	if err := srv.Shutdown(shutdown); err != nil && !errors.Is(err, http.ErrServerClosed) {
		// The grace period ran out: the requests still in flight are cut,
		// each with a line that says so.
		n := handler.CutInFlight(fmt.Sprintf("the shutdown's grace period (-shutdown-grace %s) ran out", *grace))
		srv.Close()
		log.Warn("stopped", "cut", n)
		return exitOK
	}
	log.Info("stopped")
	return exitOK
}

// defaultMemoryMiB is half the memory of the machine, or of the cgroup
// the process runs in when that is less, in MiB; 1 GiB when neither can
// be read.
func defaultMemoryMiB() int64 {
	total := int64(0)
	if raw, err := os.ReadFile("/proc/meminfo"); err == nil {
		var kib int64
		if _, err := fmt.Sscanf(string(raw), "MemTotal: %d kB", &kib); err == nil {
			total = kib << 10
		}
	}
	if raw, err := os.ReadFile("/sys/fs/cgroup/memory.max"); err == nil {
		if n, err := strconv.ParseInt(strings.TrimSpace(string(raw)), 10, 64); err == nil && (total == 0 || n < total) {
			total = n
		}
	}
	if total == 0 {
		return 1 << 10
	}
	return max(total/2>>20, server.MinMemory>>20)
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
