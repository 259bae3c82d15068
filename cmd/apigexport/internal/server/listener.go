package server

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// LimitListener returns a listener that keeps at most max connections
// open at once, as golang.org/x/net/netutil's does, but that answers
// instead of leaving the excess in the kernel's queue: a connection over
// the cap waits up to wait for one to close, and is then answered 503
// APIG.0202 with Retry-After and the gateway's JSON body, and closed.
// Every refusal is logged on log.
func LimitListener(ln net.Listener, max int, wait time.Duration, log *slog.Logger) net.Listener {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &limitListener{Listener: ln, max: max, wait: wait, log: log,
		slots: make(chan struct{}, max), ready: make(chan net.Conn), errc: make(chan error), done: make(chan struct{})}
}

type limitListener struct {
	net.Listener
	max   int
	wait  time.Duration
	log   *slog.Logger
	slots chan struct{} // one per open connection

	start     sync.Once
	ready     chan net.Conn // admitted connections, for Accept
	errc      chan error
	done      chan struct{}
	closeOnce sync.Once
	pending   atomic.Int64 // connections waiting or being refused
}

func (l *limitListener) Accept() (net.Conn, error) {
	l.start.Do(func() { go l.pump() })
	select {
	case c := <-l.ready:
		return c, nil
	case err := <-l.errc:
		return nil, err
	case <-l.done:
		return nil, net.ErrClosed
	}
}

func (l *limitListener) Close() error {
	var err error
	l.closeOnce.Do(func() {
		close(l.done)
		err = l.Listener.Close()
	})
	return err
}

// pump accepts connections and admits each that finds a free slot at
// once; the others wait in goroutines of their own, at most max of them
// (beyond that a connection is refused at once).
func (l *limitListener) pump() {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			select {
			case l.errc <- err:
			case <-l.done:
				return
			}
			continue
		}
		select {
		case l.slots <- struct{}{}:
			l.admit(c)
			continue
		default:
		}
		if l.pending.Add(1) > int64(l.max) {
			go l.refuse(c, false)
			continue
		}
		go l.queue(c)
	}
}

// admit hands a connection that holds a slot to Accept.
func (l *limitListener) admit(c net.Conn) {
	select {
	case l.ready <- &limitConn{Conn: c, release: func() { <-l.slots }}:
	case <-l.done:
		c.Close()
		<-l.slots
	}
}

func (l *limitListener) queue(c net.Conn) {
	t := time.NewTimer(l.wait)
	defer t.Stop()
	select {
	case l.slots <- struct{}{}:
		l.pending.Add(-1)
		l.admit(c)
	case <-t.C:
		l.refuse(c, true)
	case <-l.done:
		l.pending.Add(-1)
		c.Close()
	}
}

// refuse answers 503 and closes. The request's head is read first (for a
// second at most): an answer that comes before the client has sent its
// request is no answer to it (Go's transport drops it as unsolicited and
// fails the request). Then the answer is written, the writing side
// closed, and what the client still sends drained for a moment, so that
// its answer is not lost to a reset.
func (l *limitListener) refuse(c net.Conn, waited bool) {
	defer l.pending.Add(-1)
	defer c.Close()
	id := newRequestID()
	l.log.Warn("connection refused", "request_id", id, "status", 503, "error_code", codeUnavailable,
		"why", fmt.Sprintf("%d connections are open (-max-conns)", l.max), "waited", waited)
	body, _ := json.Marshal(struct {
		Code string `json:"error_code"`
		Msg  string `json:"error_msg"`
	}{codeUnavailable, fmt.Sprintf("Backend unavailable: the server has its %d connections open (-max-conns); retry later", l.max)})
	c.SetReadDeadline(time.Now().Add(time.Second))
	readHead(c)
	c.SetWriteDeadline(time.Now().Add(time.Second))
	fmt.Fprintf(c, "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"+
		"Retry-After: %d\r\nX-Request-Id: %s\r\nConnection: close\r\n\r\n%s", len(body), retryAfter(l.wait), id, body)
	if cw, ok := c.(interface{ CloseWrite() error }); ok {
		cw.CloseWrite()
		// As long as the handler drains an unread body: a client still
		// sending a large body on a busy machine takes more than the
		// second the answer had, and closing on its unread bytes resets
		// the connection, which loses the answer on the client's side.
		c.SetReadDeadline(time.Now().Add(drainTime))
		io.Copy(io.Discard, io.LimitReader(c, 2*maxBody))
	}
}

// maxHead bounds what refuse reads of a request's head.
const maxHead = 64 << 10

// readHead reads from c up to the blank line that ends an HTTP request's
// head, at most maxHead bytes, or until c fails or its deadline passes.
func readHead(c net.Conn) {
	r := bufio.NewReaderSize(io.LimitReader(c, maxHead), 4096)
	partial := false // the line read so far is longer than the buffer
	for {
		line, err := r.ReadSlice('\n')
		switch {
		case err == bufio.ErrBufferFull:
			partial = true
			continue
		case err != nil:
			return
		case !partial && (len(line) == 1 || len(line) == 2 && line[0] == '\r'):
			return
		}
		partial = false
	}
}

// limitConn frees its slot when it closes.
type limitConn struct {
	net.Conn
	once    sync.Once
	release func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}
