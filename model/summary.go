package model

import (
	"cmp"
	"slices"
	"strings"
)

// Summary is what a form needs to offer an export of a bundle: its groups,
// environments and APIs.
type Summary struct {
	Groups       []GroupSummary `json:"groups"`
	Environments []EnvSummary   `json:"environments"`
	APIs         []APISummary   `json:"apis"`
}

// GroupSummary is an API group and how many APIs it has.
type GroupSummary struct {
	ID   string `json:"id"`
	Name string `json:"name"`
	APIs int    `json:"apis"`
}

// EnvSummary is an environment.
type EnvSummary struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// APISummary is an API: where it answers and where it is published.
type APISummary struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	GroupID string `json:"group_id"`
	Method  string `json:"method"`
	Path    string `json:"path"`
	// Published lists the IDs of the environments the API is published in.
	Published []string `json:"published"`
}

// Inspect summarises a bundle: groups by name, RELEASE then the other
// environments by name, APIs by group, path and method.
func Inspect(b *Bundle) Summary {
	s := Summary{Groups: []GroupSummary{}, Environments: []EnvSummary{}, APIs: []APISummary{}}
	count := map[string]int{}
	published := map[string][]string{}
	for _, p := range b.Publications {
		published[p.APIID] = append(published[p.APIID], p.EnvID)
	}
	for _, a := range b.APIs {
		count[a.GroupID]++
		envs := slices.Clone(published[a.ID])
		slices.Sort(envs)
		if envs == nil {
			envs = []string{}
		}
		s.APIs = append(s.APIs, APISummary{ID: a.ID, Name: a.Name, GroupID: a.GroupID, Method: a.ReqMethod, Path: a.ReqURI, Published: slices.Compact(envs)})
	}
	for _, g := range b.Groups {
		s.Groups = append(s.Groups, GroupSummary{ID: g.ID, Name: g.Name, APIs: count[g.ID]})
	}
	for _, e := range b.AllEnvs() {
		s.Environments = append(s.Environments, EnvSummary{ID: e.ID, Name: e.Name})
	}
	slices.SortFunc(s.Groups, func(a, b GroupSummary) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	slices.SortFunc(s.Environments, func(a, b EnvSummary) int {
		if (a.ID == DefaultEnvID) != (b.ID == DefaultEnvID) {
			if a.ID == DefaultEnvID {
				return -1
			}
			return 1
		}
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	slices.SortFunc(s.APIs, func(a, b APISummary) int {
		return cmp.Or(strings.Compare(a.GroupID, b.GroupID), strings.Compare(a.Path, b.Path), strings.Compare(a.Method, b.Method), strings.Compare(a.ID, b.ID))
	})
	return s
}
