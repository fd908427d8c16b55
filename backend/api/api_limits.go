package api

import (
	"net"
	"net/http"
	"sync"
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
	// MaxConns is how many connections are open at once; more wait.
	MaxConns int
}

// DefaultLimits are serve's limits.
var DefaultLimits = Limits{ReadTimeout: 30 * time.Second, WriteTimeout: 2 * time.Minute, MaxConns: 128}

// downloadTime is how long writing a generated file (ZIP, PDF, export) may take.
const downloadTime = 10 * time.Minute

// NewServer returns an http.Server for h with l's deadlines.
func NewServer(h http.Handler, l Limits) *http.Server {
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: min(10*time.Second, l.ReadTimeout),
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
	}
}

// LimitListener accepts at most n connections at once from ln; the next
// waits until one closes.
func LimitListener(ln net.Listener, n int) net.Listener {
	return &limitListener{Listener: ln, slots: make(chan struct{}, n)}
}

type limitListener struct {
	net.Listener
	slots chan struct{}
}

func (l *limitListener) Accept() (net.Conn, error) {
	l.slots <- struct{}{}
	c, err := l.Listener.Accept()
	if err != nil {
		<-l.slots
		return nil, err
	}
	return &limitConn{Conn: c, release: func() { <-l.slots }}, nil
}

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

// longWrite gives a download more time than the server's write deadline,
// by design for the routes that produce files.
func longWrite(w http.ResponseWriter) {
	_ = http.NewResponseController(w).SetWriteDeadline(time.Now().Add(downloadTime))
}
