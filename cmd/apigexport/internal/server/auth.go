package server

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Credentials is the -credentials file: who may call the export routes.
type Credentials struct {
	Principals []Principal `json:"principals" yaml:"principals"`
}

// Principal is one caller: its tokens and access keys, and the projects it
// may export from.
type Principal struct {
	Name       string      `json:"name" yaml:"name"`
	Tokens     []string    `json:"tokens" yaml:"tokens"`
	AccessKeys []AccessKey `json:"access_keys" yaml:"access_keys"`
	Projects   []string    `json:"projects" yaml:"projects"`
}

// AccessKey is an AK/SK pair, as the SDK's BasicCredentials hold it.
type AccessKey struct {
	AK string `json:"ak" yaml:"ak"`
	SK string `json:"sk" yaml:"sk"`
}

// ParseCredentials reads a credentials file, JSON or YAML (JSON is YAML),
// rejecting unknown fields and entries that could never authenticate or
// that would make a key or token ambiguous. name is used in errors.
func ParseCredentials(name string, data []byte) (*Credentials, error) {
	var c Credentials
	var err error
	if trimmed := bytes.TrimSpace(data); len(trimmed) > 0 && trimmed[0] == '{' {
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		err = dec.Decode(&c)
	} else {
		dec := yaml.NewDecoder(bytes.NewReader(data))
		dec.KnownFields(true)
		err = dec.Decode(&c)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %v", name, err)
	}
	if len(c.Principals) == 0 {
		return nil, fmt.Errorf("%s: $.principals: expected at least one principal", name)
	}
	tokens := map[string]string{}
	aks := map[string]string{}
	for i, p := range c.Principals {
		at := fmt.Sprintf("%s: $.principals[%d]", name, i)
		switch {
		case p.Name == "":
			return nil, fmt.Errorf("%s.name: expected a non-empty name", at)
		case len(p.Tokens) == 0 && len(p.AccessKeys) == 0:
			return nil, fmt.Errorf("%s: principal %q has neither tokens nor access_keys", at, p.Name)
		case len(p.Projects) == 0:
			return nil, fmt.Errorf("%s.projects: principal %q may call no project; expected at least one project ID", at, p.Name)
		}
		for j, t := range p.Tokens {
			if t == "" {
				return nil, fmt.Errorf("%s.tokens[%d]: expected a non-empty token", at, j)
			}
			if other, dup := tokens[t]; dup {
				return nil, fmt.Errorf("%s.tokens[%d]: the same token is already listed for principal %q", at, j, other)
			}
			tokens[t] = p.Name
		}
		for j, k := range p.AccessKeys {
			if k.AK == "" || k.SK == "" {
				return nil, fmt.Errorf("%s.access_keys[%d]: expected both ak and sk", at, j)
			}
			if other, dup := aks[k.AK]; dup {
				return nil, fmt.Errorf("%s.access_keys[%d]: access key %q is already listed for principal %q", at, j, k.AK, other)
			}
			aks[k.AK] = p.Name
		}
		for j, proj := range p.Projects {
			if proj == "" {
				return nil, fmt.Errorf("%s.projects[%d]: expected a non-empty project ID", at, j)
			}
		}
	}
	return &c, nil
}

// mayCall reports whether p may export from the project.
func (p *Principal) mayCall(project string) bool { return slices.Contains(p.Projects, project) }

// The signature scheme of the SDK's default signer.
const (
	signAlgorithm    = "SDK-HMAC-SHA256"
	headerSdkDate    = "X-Sdk-Date"
	headerContentSHA = "X-Sdk-Content-Sha256"
	sdkDateLayout    = "20060102T150405Z"
	// maxClockSkew is how far X-Sdk-Date may be from the server's clock.
	maxClockSkew = 15 * time.Minute
)

// authorization is a parsed Authorization header of the SDK's signer:
// "SDK-HMAC-SHA256 Access=AK, SignedHeaders=a;b, Signature=hex".
type authorization struct {
	Access        string
	SignedHeaders []string
	Signature     []byte
}

// The kinds of authentication failure, as the log names them. They are
// constants on purpose: nothing the caller sent (a token, an access key
// that may be a swapped secret key, a signature, a malformed header that
// holds one) ever reaches a log line.
const (
	failNoCredential     = "no X-Auth-Token and no Authorization header"
	failTokens           = "more than one X-Auth-Token"
	failToken            = "unknown token"
	failAuthorizations   = "more than one Authorization header"
	failAlgorithm        = "the Authorization header is not SDK-HMAC-SHA256"
	failMalformed        = "the Authorization header is malformed"
	failDateUnsigned     = "the signature does not cover x-sdk-date"
	failHostUnsigned     = "the signature does not cover host"
	failDate             = "X-Sdk-Date is missing or not of the form 20060102T150405Z"
	failStale            = "X-Sdk-Date is more than 15 minutes away from the server's clock"
	failAccessKey        = "unknown access key"
	failUnsignedPayload  = "X-Sdk-Content-Sha256 is UNSIGNED-PAYLOAD, which this JSON endpoint refuses"
	failContentHash      = "X-Sdk-Content-Sha256 is not the SHA-256 of the body"
	failContentUnsigned  = "X-Sdk-Content-Sha256 is sent but not signed"
	failSignatureInvalid = "the signature does not match"
)

// authFailure is an authentication failure of one of the kinds above.
type authFailure string

func (f authFailure) Error() string { return string(f) }

// parseAuthorization parses the header value, strictly: the algorithm,
// then the three fields once each, in any order, separated by commas.
// Its errors are authFailures, which quote nothing of the value.
func parseAuthorization(v string) (*authorization, error) {
	alg, rest, ok := strings.Cut(v, " ")
	if !ok || alg != signAlgorithm {
		return nil, authFailure(failAlgorithm)
	}
	var a authorization
	seen := map[string]bool{}
	for part := range strings.SplitSeq(rest, ",") {
		key, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || val == "" || seen[key] {
			return nil, authFailure(failMalformed)
		}
		seen[key] = true
		switch key {
		case "Access":
			a.Access = val
		case "SignedHeaders":
			for h := range strings.SplitSeq(val, ";") {
				if h == "" || h != strings.ToLower(h) {
					return nil, authFailure(failMalformed)
				}
				a.SignedHeaders = append(a.SignedHeaders, h)
			}
		case "Signature":
			sig, err := hex.DecodeString(val)
			if err != nil || len(sig) != sha256.Size {
				return nil, authFailure(failMalformed)
			}
			a.Signature = sig
		default:
			return nil, authFailure(failMalformed)
		}
	}
	if len(seen) != 3 {
		return nil, authFailure(failMalformed)
	}
	// The date must be signed, or a captured request could be replayed
	// with a fresh date.
	if !slices.Contains(a.SignedHeaders, strings.ToLower(headerSdkDate)) {
		return nil, authFailure(failDateUnsigned)
	}
	return &a, nil
}

// sdkEscape is the signer's percent-encoding: every byte but A-Z a-z 0-9
// - _ . ~ as %XX with upper-case hex (so a space is %20).
func sdkEscape(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexDigits[c>>4])
		b.WriteByte(hexDigits[c&15])
	}
	return b.String()
}

// canonicalURI is the signer's canonical path: each segment of the
// decoded path escaped, joined with /, ending with /.
func canonicalURI(segments []string) string {
	esc := make([]string, len(segments))
	for i, s := range segments {
		esc[i] = sdkEscape(s)
	}
	p := strings.Join(esc, "/")
	if !strings.HasSuffix(p, "/") {
		p += "/"
	}
	return p
}

// canonicalQuery is the signer's canonical query string: keys sorted, each
// key's values sorted, escaped, joined with &.
func canonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		vals := slices.Clone(q[k])
		sort.Strings(vals)
		for _, v := range vals {
			parts = append(parts, sdkEscape(k)+"="+sdkEscape(v))
		}
	}
	return strings.Join(parts, "&")
}

// signedRequest is what a signature covers.
type signedRequest struct {
	Method   string
	Segments []string // the decoded path, split at / (the first is "")
	Query    url.Values
	Header   http.Header
	Host     string
	Body     []byte
}

// canonicalRequest rebuilds the SDK signer's canonical request. Its last
// part is always the SHA-256 of the body the server received: a signer
// that puts X-Sdk-Content-Sha256 there instead signs the same value, or
// contentHash refused the request.
func canonicalRequest(r *signedRequest, signed []string) string {
	var b strings.Builder
	b.WriteString(r.Method)
	b.WriteByte('\n')
	b.WriteString(canonicalURI(r.Segments))
	b.WriteByte('\n')
	b.WriteString(canonicalQuery(r.Query))
	b.WriteByte('\n')
	for _, name := range signed {
		var vals []string
		if name == "host" {
			vals = []string{r.Host}
		} else {
			vals = slices.Clone(r.Header.Values(name))
		}
		sort.Strings(vals)
		for _, v := range vals {
			b.WriteString(name)
			b.WriteByte(':')
			b.WriteString(strings.TrimSpace(v))
			b.WriteByte('\n')
		}
	}
	b.WriteByte('\n')
	b.WriteString(strings.Join(signed, ";"))
	b.WriteByte('\n')
	sum := sha256.Sum256(r.Body)
	b.WriteString(hex.EncodeToString(sum[:]))
	return b.String()
}

// signature is the SDK signer's signature of a canonical request made at
// date (in its X-Sdk-Date form) with the secret key.
func signature(canonical, date, sk string) []byte {
	crHash := sha256.Sum256([]byte(canonical))
	sts := signAlgorithm + "\n" + date + "\n" + hex.EncodeToString(crHash[:])
	mac := hmac.New(sha256.New, []byte(sk))
	mac.Write([]byte(sts))
	return mac.Sum(nil)
}

// authenticator checks tokens and signatures against a Credentials.
type authenticator struct {
	tokens []tokenEntry
	keys   map[string]keyEntry
}

type tokenEntry struct {
	token []byte
	p     *Principal
}

type keyEntry struct {
	sk string
	p  *Principal
}

func newAuthenticator(c *Credentials) *authenticator {
	a := &authenticator{keys: map[string]keyEntry{}}
	for i := range c.Principals {
		p := &c.Principals[i]
		for _, t := range p.Tokens {
			a.tokens = append(a.tokens, tokenEntry{[]byte(t), p})
		}
		for _, k := range p.AccessKeys {
			a.keys[k.AK] = keyEntry{k.SK, p}
		}
	}
	return a
}

// byToken finds the principal of a token, comparing with every listed
// token in constant time.
func (a *authenticator) byToken(token string) *Principal {
	var found *Principal
	for _, e := range a.tokens {
		if subtle.ConstantTimeCompare(e.token, []byte(token)) == 1 {
			found = e.p
		}
	}
	return found
}

// signer is a signature whose header, date and access key have been
// checked, waiting for the body to be verified against.
type signer struct {
	auth *authorization
	date string
	key  keyEntry
}

// checkHeader checks all a signature's header says before the body is
// read: its form, a signed and fresh date (a signed host when
// requireHost) and a known access key. The error is an authFailure.
func (a *authenticator) checkHeader(h http.Header, now time.Time, requireHost bool) (*signer, error) {
	if len(h.Values("Authorization")) > 1 {
		return nil, authFailure(failAuthorizations)
	}
	auth, err := parseAuthorization(h.Get("Authorization"))
	if err != nil {
		return nil, err
	}
	if requireHost && !slices.Contains(auth.SignedHeaders, "host") {
		return nil, authFailure(failHostUnsigned)
	}
	date := h.Get(headerSdkDate)
	t, err := time.Parse(sdkDateLayout, date)
	if err != nil {
		return nil, authFailure(failDate)
	}
	if d := now.Sub(t); d > maxClockSkew || d < -maxClockSkew {
		return nil, authFailure(failStale)
	}
	key, ok := a.keys[auth.Access]
	if !ok {
		return nil, authFailure(failAccessKey)
	}
	return &signer{auth: auth, date: date, key: key}, nil
}

// verify checks the signature over the whole request, body included.
func (s *signer) verify(r *signedRequest) (*Principal, error) {
	if err := contentHash(r.Header, s.auth.SignedHeaders, r.Body); err != nil {
		return nil, err
	}
	want := signature(canonicalRequest(r, s.auth.SignedHeaders), s.date, s.key.sk)
	if !hmac.Equal(want, s.auth.Signature) {
		return nil, authFailure(failSignatureInvalid)
	}
	return s.key.p, nil
}

// contentHash checks X-Sdk-Content-Sha256, which the SDK's signer puts in
// the canonical request in place of the body's hash. It may only say what
// the body's hash is, and must be signed: otherwise a captured request
// would carry its signature over to any other body. UNSIGNED-PAYLOAD,
// which the SDK sends only for bodies that are not JSON, is refused.
func contentHash(h http.Header, signed []string, body []byte) error {
	vals := h.Values(headerContentSHA)
	if len(vals) == 0 {
		return nil
	}
	if !slices.Contains(signed, strings.ToLower(headerContentSHA)) {
		return authFailure(failContentUnsigned)
	}
	if len(vals) > 1 {
		return authFailure(failContentHash)
	}
	if strings.EqualFold(strings.TrimSpace(vals[0]), "UNSIGNED-PAYLOAD") {
		return authFailure(failUnsignedPayload)
	}
	sum := sha256.Sum256(body)
	if strings.TrimSpace(vals[0]) != hex.EncodeToString(sum[:]) {
		return authFailure(failContentHash)
	}
	return nil
}

// bySignature verifies the AK/SK signature of a whole request made at
// now. The error is an authFailure, for the log only.
func (a *authenticator) bySignature(r *signedRequest, now time.Time, requireHost bool) (*Principal, error) {
	s, err := a.checkHeader(r.Header, now, requireHost)
	if err != nil {
		return nil, err
	}
	return s.verify(r)
}
