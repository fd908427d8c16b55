// Package httpsend carries outgoing notifications over HTTP: a POST with a
// time limit that reads only the start of the answer.
package httpsend

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"time"
	"unicode/utf8"
)

// excerptBytes is how much of an answer is kept for the delivery log.
const excerptBytes = 500

// Client POSTs notifications.
type Client struct {
	http *http.Client
}

// New returns a Client whose requests give up after timeout (connecting,
// sending and reading the answer). It does not follow redirects: a
// receiver that moved must be set to its new URL.
func New(timeout time.Duration) *Client {
	return &Client{http: &http.Client{
		Timeout: timeout,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}}
}

// Post sends body to url with headers and returns the status and the
// start of the answer.
func (c *Client) Post(ctx context.Context, url string, body []byte, headers map[string]string) (int, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, "", fmt.Errorf("build request: %w", err)
	}
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	head, _ := io.ReadAll(io.LimitReader(resp.Body, excerptBytes))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	for len(head) > 0 && !utf8.Valid(head) {
		head = head[:len(head)-1]
	}
	return resp.StatusCode, string(head), nil
}
