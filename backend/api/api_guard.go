package api

import (
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
)

// ClientHeader marks a request as sent by ChurnDesk's own pages. A browser
// page on another origin cannot add it without a CORS preflight, which the
// server never grants, so multipart uploads (a form can send those) require it.
const ClientHeader = "X-ChurnDesk-Client"

// Policy says which requests a listener answers: the Host names it serves
// under and the page origins, besides its own, that may call it.
type Policy struct {
	// Hosts are the Host names (without port) the listener answers.
	Hosts []string
	// IPHosts also accepts any IP address as Host: a DNS-rebinding page
	// always sends its own name, never an address.
	IPHosts bool
	// Origins are page origins accepted besides the server's own
	// (scheme://host[:port] as the browser sends it).
	Origins []string
}

// loopbackHosts are the names of this machine.
var loopbackHosts = []string{"localhost", "127.0.0.1", "::1"}

// LoopbackPolicy is the policy of a listener on 127.0.0.1 or [::1]: only
// the loopback names are answered, whatever the port.
func LoopbackPolicy() Policy {
	return Policy{Hosts: slices.Clone(loopbackHosts)}
}

// PublicPolicy is the policy of a listener other machines reach: the names
// given with --public-host, the loopback names and IP addresses.
func PublicPolicy(names []string) Policy {
	p := Policy{Hosts: slices.Clone(loopbackHosts), IPHosts: true}
	for _, n := range names {
		if n = normHost(n); n != "" {
			p.Hosts = append(p.Hosts, n)
			p.Origins = append(p.Origins, "https://"+n, "http://"+n)
		}
	}
	return p
}

// DesktopPolicy is the policy of the desktop window's in-process handler:
// the webview's own scheme and host (wails://wails on Linux and macOS,
// http://wails.localhost on Windows) and, for `wails dev`, loopback.
func DesktopPolicy() Policy {
	return Policy{
		Hosts:   append([]string{"wails", "wails.localhost"}, loopbackHosts...),
		Origins: []string{"wails://wails", "wails://wails.localhost", "http://wails.localhost", "https://wails.localhost", "null"},
	}
}

// normHost lowercases a host name and drops its port, brackets and final dot.
func normHost(hostport string) string {
	h := strings.ToLower(strings.TrimSpace(hostport))
	if host, _, err := net.SplitHostPort(h); err == nil {
		h = host
	}
	h = strings.TrimSuffix(strings.Trim(h, "[]"), ".")
	return h
}

func (p Policy) hostAllowed(hostport string) bool {
	h := normHost(hostport)
	if h == "" {
		return false
	}
	if slices.Contains(p.Hosts, h) {
		return true
	}
	return p.IPHosts && net.ParseIP(h) != nil
}

// originAllowed accepts the server's own origin (the Host the request was
// sent to) and the policy's extra origins.
func (p Policy) originAllowed(origin, host string) bool {
	if slices.Contains(p.Origins, strings.ToLower(origin)) {
		return true
	}
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Path != "" {
		return false
	}
	return strings.EqualFold(u.Host, host)
}

// Protect refuses requests that did not come from ChurnDesk's own pages or
// from a script: a Host outside the policy (DNS rebinding) gets 421; a
// foreign Origin gets 403; a cross-site or same-site Sec-Fetch-Site on
// anything but a read gets 403. Nothing behind it runs for a refused request.
func Protect(p Policy, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !p.hostAllowed(r.Host) {
			deny(w, http.StatusMisdirectedRequest, "misdirected_request",
				"This server does not answer for the host name "+quoteHost(r.Host)+"; open it as http://127.0.0.1 or a name given with --public-host.")
			return
		}
		if origin, sent := r.Header["Origin"]; sent && !p.originAllowed(strings.Join(origin, ","), r.Host) {
			deny(w, http.StatusForbidden, "forbidden", "Requests from other web pages are refused; use ChurnDesk's own pages, or a script with an API token.")
			return
		}
		switch r.Method {
		case http.MethodGet, http.MethodHead, http.MethodOptions:
		default:
			if site := r.Header.Get("Sec-Fetch-Site"); site == "cross-site" || site == "same-site" {
				deny(w, http.StatusForbidden, "forbidden", "Changes from other web sites are refused.")
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// quoteHost shows a Host header safely inside a message.
func quoteHost(h string) string {
	if len(h) > 80 {
		h = h[:80]
	}
	return `"` + strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '"' {
			return -1
		}
		return r
	}, h) + `"`
}

// requireJSON refuses a request body that is not declared application/json.
// A page on another origin cannot send that type without a preflight.
func requireJSON(r *http.Request) bool {
	if r.ContentLength == 0 {
		return true // no body: the decoder reports what is missing
	}
	ct := strings.ToLower(strings.TrimSpace(r.Header.Get("Content-Type")))
	mt, _, _ := strings.Cut(ct, ";")
	return strings.TrimSpace(mt) == "application/json"
}

// fromApp reports whether a request carries the header only ChurnDesk's own pages send.
func fromApp(r *http.Request) bool {
	return r.Header.Get(ClientHeader) != ""
}
