package model

// Group returns the group with the given ID, or nil.
func (b *Bundle) Group(id string) *Group {
	for i := range b.Groups {
		if b.Groups[i].ID == id {
			return &b.Groups[i]
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
