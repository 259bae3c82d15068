package server

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/apigexport/apigexport/model/bundlegen"
)

// bigInstance is a 10,000-API group served with a small per-write
// deadline over connections with small socket buffers, so that the
// server's writes wait on the client's reads. closed receives each
// connection the server closes.
type bigInstance struct {
	url    string
	log    *syncBuffer
	closed chan struct{}
}

var bigOnce = sync.OnceValues(func() ([]byte, error) { return json.Marshal(bundlegen.Generate(10000, 1)) })

func newBigInstance(t *testing.T, writeTimeout time.Duration) *bigInstance {
	t.Helper()
	raw, err := bigOnce()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeInstance(t, dir, project, instanceID, map[string][]byte{"bundle.json": raw})
	log := &syncBuffer{}
	srv, err := New(Config{DataDir: dir, Credentials: testCredentials(t), Log: slog.New(slog.NewJSONHandler(log, nil)),
		Now: func() time.Time { return clock }, Limits: Limits{WriteTimeout: writeTimeout}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	log.settle = srv.inflight.Wait
	bi := &bigInstance{log: log, closed: make(chan struct{}, 16)}
	hs := httptest.NewUnstartedServer(srv)
	hs.Config.ConnState = func(c net.Conn, s http.ConnState) {
		switch s {
		case http.StateNew:
			c.(*net.TCPConn).SetWriteBuffer(16 << 10)
		case http.StateClosed:
			bi.closed <- struct{}{}
		}
	}
	hs.Start()
	t.Cleanup(hs.Close)
	bi.url = hs.URL + exportPath("apic", project, instanceID)
	return bi
}

// smallBufferClient reads through a 16 KiB socket receive buffer.
func smallBufferClient() *http.Client {
	d := &net.Dialer{}
	return &http.Client{Transport: &http.Transport{
		DisableCompression: true,
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			c, err := d.DialContext(ctx, network, addr)
			if err == nil {
				c.(*net.TCPConn).SetReadBuffer(16 << 10)
			}
			return c, err
		}}}
}

func (bi *bigInstance) request(t *testing.T) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, bi.url, strings.NewReader(`{"group_id":"`+bundlegen.GroupID+`","define":"dev","version":"1"}`))
	req.Header.Set("X-Auth-Token", tokenCI)
	res, err := smallBufferClient().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 {
		t.Fatalf("%d", res.StatusCode)
	}
	return res
}

// TestLargeAnswers: with a per-write deadline, a client that reads a
// 10,000-API document (19 MB) steadily but slowly gets all of it, though
// reading takes many times the deadline (an overall write timeout would
// cut it, as it did); one that stops reading is cut off, and the log says
// the answer was not complete.
func TestLargeAnswers(t *testing.T) {
	if testing.Short() {
		t.Skip("a 10,000-API export")
	}
	const writeTimeout = time.Second
	bi := newBigInstance(t, writeTimeout)

	t.Run("slow reader", func(t *testing.T) {
		res := bi.request(t)
		defer res.Body.Close()
		start := time.Now()
		buf := make([]byte, 32<<10)
		tick := time.NewTicker(4 * time.Millisecond) // the reader's pace: 8 MB/s at most
		defer tick.Stop()
		n, last := 0, byte(0)
		for {
			<-tick.C
			k, err := res.Body.Read(buf)
			n += k
			if k > 0 {
				last = buf[k-1]
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("after %d of %d bytes: %v", n, res.ContentLength, err)
			}
		}
		if int64(n) != res.ContentLength || n < 18<<20 || last != '\n' && last != '}' {
			t.Fatalf("%d bytes, want the %d of the document", n, res.ContentLength)
		}
		t.Logf("%d bytes read in %s with a write deadline of %s", n, time.Since(start).Round(time.Millisecond), writeTimeout)
		if strings.Contains(bi.log.String(), `"complete":false`) {
			t.Errorf("logged as cut:\n%s", bi.log.String())
		}
	})

	t.Run("stalled reader", func(t *testing.T) {
		res := bi.request(t)
		if _, err := io.CopyN(io.Discard, res.Body, 1<<20); err != nil {
			t.Fatal(err)
		}
		<-bi.closed // the server gave up on the connection; the handler has logged
		res.Body.Close()
		var line struct {
			Msg      string
			Level    string
			Status   int
			Bytes    int64
			Length   int64
			Complete *bool
			Cut      string
		}
		for l := range strings.SplitSeq(strings.TrimSpace(bi.log.String()), "\n") {
			if json.Unmarshal([]byte(l), &line) == nil && line.Msg == "request" && line.Complete != nil {
				break
			}
		}
		if line.Level != "WARN" || line.Status != 200 || line.Complete == nil || *line.Complete || line.Length != res.ContentLength ||
			line.Bytes >= line.Length || !strings.Contains(line.Cut, "timeout") {
			t.Errorf("the log line of a cut answer: %+v\n%s", line, bi.log.String())
		}
	})
}
