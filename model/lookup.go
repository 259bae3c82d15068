package model

import "strings"

// Group returns the group with the given ID, or nil.
func (b *Bundle) Group(id string) *Group {
	for i := range b.Groups {
		if b.Groups[i].ID == id {
			return &b.Groups[i]
		}
	}
	return nil
}

// Orchestration returns the orchestration rule with the ID, or nil.
func (b *Bundle) Orchestration(id string) *Orchestration {
	for i := range b.Orchestrations {
		if b.Orchestrations[i].OrchestrationID == id {
			return &b.Orchestrations[i]
		}
	}
	return nil
}

// VPCChannel returns the VPC channel with the ID, or nil.
func (b *Bundle) VPCChannel(id string) *VPCChannel {
	for i := range b.VPCChannels {
		if b.VPCChannels[i].ID == id {
			return &b.VPCChannels[i]
		}
	}
	return nil
}

// Env returns the environment with the given ID, or nil. The RELEASE
// environment is found whether or not the bundle lists it.
func (b *Bundle) Env(id string) *Env {
	for i := range b.Envs {
		if b.Envs[i].ID == id {
			return &b.Envs[i]
		}
	}
	if id == DefaultEnvID {
		return &Env{ID: DefaultEnvID, Name: DefaultEnvName}
	}
	return nil
}

// EnvByIDOrName returns the environment whose ID, or else whose name, is s,
// or nil. An ID wins over a name.
func (b *Bundle) EnvByIDOrName(s string) *Env {
	if e := b.Env(s); e != nil {
		return e
	}
	for i := range b.Envs {
		if b.Envs[i].Name == s {
			return &b.Envs[i]
		}
	}
	if s == DefaultEnvName {
		return b.Env(DefaultEnvID)
	}
	return nil
}

// AllEnvs returns the bundle's environments with RELEASE added when the
// bundle does not list it.
func (b *Bundle) AllEnvs() []Env {
	for _, e := range b.Envs {
		if e.ID == DefaultEnvID {
			return b.Envs
		}
	}
	return append([]Env{{ID: DefaultEnvID, Name: DefaultEnvName}}, b.Envs...)
}

// GroupByIDOrName returns the group whose ID, or else whose name, is s,
// or nil. An ID wins over a name. [engine.Request] takes IDs: this finds
// the ID of a group that a person names.
func (b *Bundle) GroupByIDOrName(s string) *Group {
	if g := b.Group(s); g != nil {
		return g
	}
	for i := range b.Groups {
		if b.Groups[i].Name == s {
			return &b.Groups[i]
		}
	}
	return nil
}

// APIByIDOrName returns the API of group groupID whose ID, or else whose
// name, is s, or nil. An ID wins over a name.
func (b *Bundle) APIByIDOrName(groupID, s string) *API {
	var byName *API
	for i := range b.APIs {
		a := &b.APIs[i]
		if a.GroupID != groupID {
			continue
		}
		if a.ID == s {
			return a
		}
		if a.Name == s && byName == nil {
			byName = a
		}
	}
	return byName
}

// IsPublished reports whether the API is published in the environment:
// whether a publication, explicit or from the API's run_env_id, joins them.
func (b *Bundle) IsPublished(apiID, envID string) bool {
	for _, p := range b.Publications {
		if p.APIID == apiID && p.EnvID == envID {
			return true
		}
	}
	return false
}

// Suggest returns the one candidate that s was probably meant to be: the
// one equal to s ignoring case, or else the one that starts with s
// ignoring case (for an s of two characters or more); "" when there is
// no such candidate or more than one. It serves "did you mean" hints for
// names and IDs that a person typed.
func Suggest(s string, candidates []string) string {
	if m := uniqueMatch(candidates, func(c string) bool { return strings.EqualFold(c, s) }); m != "" || len(s) < 2 {
		return m
	}
	return uniqueMatch(candidates, func(c string) bool {
		return len(c) > len(s) && strings.EqualFold(c[:len(s)], s)
	})
}

func uniqueMatch(candidates []string, match func(string) bool) string {
	found := ""
	for _, c := range candidates {
		if !match(c) || c == found {
			continue
		}
		if found != "" {
			return ""
		}
		found = c
	}
	return found
}

// Channel is how the backend is reached, the vpc_channel_status the
// gateway acts on: 1 through a VPC channel, 2 direct, 3 a livedata
// backend, 4 through a channel's member groups. The gateway may leave the
// status out: a backend that names a channel then goes through it, and
// one that does not is direct.
func (w *WebBackend) Channel() int {
	switch {
	case w.VPCChannelStatus != 0:
		return w.VPCChannelStatus
	case w.VPCChannelInfo != nil && w.VPCChannelInfo.VPCChannelID != "":
		return 1
	}
	return 2
}

// Web is the policy's backend as a [WebBackend].
func (p *PolicyHTTP) Web() *WebBackend {
	return &WebBackend{URLDomain: p.URLDomain, ReqProtocol: p.ReqProtocol, ReqMethod: p.ReqMethod, ReqURI: p.ReqURI,
		Timeout: p.Timeout, RetryCount: p.RetryCount, EnableClientSSL: p.EnableClientSSL, EnableSMChannel: p.EnableSMChannel,
		VPCChannelStatus: p.VPCChannelStatus, VPCChannelInfo: p.VPCChannelInfo}
}
