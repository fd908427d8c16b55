package api

import (
	"context"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// Limits bound what one client can hold of a server.
type Limits struct {
	// ReadTimeout bounds reading a whole request, body included; uploads
	// set their own longer deadline.
	ReadTimeout time.Duration
	// WriteTimeout bounds handling a request and writing its answer;
	// downloads and uploads set their own longer deadline.
	WriteTimeout time.Duration
	// MaxConns is how many connections are open at once; beyond it the
	// oldest one with no request in hand is closed, or the next waits.
	MaxConns int
}

// DefaultLimits are serve's limits.
var DefaultLimits = Limits{ReadTimeout: 30 * time.Second, WriteTimeout: 2 * time.Minute, MaxConns: 128}

// downloadTime is how long writing a generated file (ZIP, PDF, export) may take.
const downloadTime = 10 * time.Minute

// NewServer returns an http.Server for h with l's deadlines, and ln wrapped
// to hold at most l.MaxConns connections at once (see connLimit); serve
// with srv.Serve(limited).
func NewServer(h http.Handler, ln net.Listener, l Limits) (srv *http.Server, limited net.Listener) {
	cl := &connLimit{Listener: ln, slots: make(chan struct{}, l.MaxConns), open: map[*limitConn]struct{}{}}
	srv = &http.Server{
		Handler:           cl.track(h),
		ReadHeaderTimeout: min(10*time.Second, l.ReadTimeout),
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			if t, ok := c.(interface{ NetConn() net.Conn }); ok { // TLS
				c = t.NetConn()
			}
			return context.WithValue(ctx, connKey{}, c)
		},
	}
	return srv, cl
}

// connLimit accepts at most cap(slots) connections at once. When all are
// taken, the oldest connection with no request being handled (new, idle
// between requests, or still sending its headers) is closed to make room,
// so connections that send nothing cannot keep others waiting; one whose
// request is being handled is never closed, and when every connection is
// busy the next waits until one closes.
type connLimit struct {
	net.Listener
	slots chan struct{}
	mu    sync.Mutex
	open  map[*limitConn]struct{}
}

// connKey keeps a request's connection in its context.
type connKey struct{}

func (l *connLimit) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	select {
	case l.slots <- struct{}{}:
	default: // full: make room, or wait while every connection is busy
		l.closeOldestIdle()
		l.slots <- struct{}{}
	}
	lc := &limitConn{Conn: c, accepted: time.Now()}
	lc.release = func() {
		l.mu.Lock()
		delete(l.open, lc)
		l.mu.Unlock()
		<-l.slots
	}
	l.mu.Lock()
	l.open[lc] = struct{}{}
	l.mu.Unlock()
	return lc, nil
}

// closeOldestIdle closes the longest-open connection that has no request
// in its handler, if there is one.
func (l *connLimit) closeOldestIdle() {
	l.mu.Lock()
	var oldest *limitConn
	for c := range l.open {
		if c.busy.Load() == 0 && (oldest == nil || c.accepted.Before(oldest.accepted)) {
			oldest = c
		}
	}
	l.mu.Unlock()
	if oldest != nil {
		_ = oldest.Close()
	}
}

// track marks a connection busy while its request is in the handler.
func (l *connLimit) track(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, ok := r.Context().Value(connKey{}).(*limitConn); ok {
			c.busy.Add(1)
			defer c.busy.Add(-1)
		}
		h.ServeHTTP(w, r)
	})
}

type limitConn struct {
	net.Conn
	accepted time.Time
	busy     atomic.Int32
	once     sync.Once
	release  func()
}

func (c *limitConn) Close() error {
	err := c.Conn.Close()
	c.once.Do(c.release)
	return err
}

// longWrite gives a download more time than the server's write deadline,
// by design for the routes that produce files.
func longWrite(w http.ResponseWriter) {
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(downloadTime))
}
