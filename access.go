package tiendo

import "slices"

// Action is something a user may try to do. Every page and API handler names
// the action it performs and asks Allowed; the answer comes from one table, so
// the rules can be read, reviewed and tested in one place.
type Action string

// Actions.
const (
	ActionReadRounds    Action = "rounds:read"    // see rounds, tasks, targets
	ActionManageRounds  Action = "rounds:manage"  // create, edit, publish rounds
	ActionReadReport    Action = "report:read"    // read a unit report (scoped)
	ActionEditReport    Action = "report:edit"    // save and submit a unit report (scoped)
	ActionReviewReport  Action = "report:review"  // return or accept a unit report
	ActionApproveReport Action = "report:approve" // the unit head approves the unit's report (scoped)
	ActionConsolidate   Action = "docs:draft"     // draft, edit and issue the consolidated report
	ActionApproveDoc    Action = "docs:approve"   // approve or return a document for signing
	ActionReadUnits     Action = "units:read"     // list units
	ActionManageUnits   Action = "units:manage"   // add and edit units
	ActionManageUsers   Action = "users:manage"   // add and edit users
	ActionManageMail    Action = "mail:manage"    // see the outgoing mail queue, send a failed message again
	ActionTwoFactor     Action = "account:2fa"    // turn on a second factor (TOTP) for one's own login
)

// Scope says how far a permission reaches.
type Scope int

// Scopes. ScopeNone means refused.
const (
	ScopeNone Scope = iota
	ScopeOwnUnit
	ScopeUnitTree // the user's unit and the units under it
	ScopeAll
)

// permissions is the access-control table: role x action -> scope.
var permissions = map[Role]map[Action]Scope{
	RoleAdmin: {
		ActionReadRounds: ScopeAll, ActionReadReport: ScopeAll, ActionReadUnits: ScopeAll,
		ActionManageUnits: ScopeAll, ActionManageUsers: ScopeAll, ActionManageMail: ScopeAll,
		ActionTwoFactor: ScopeAll,
	},
	RoleOffice: {
		ActionReadRounds: ScopeAll, ActionManageRounds: ScopeAll, ActionReadReport: ScopeAll,
		ActionReviewReport: ScopeAll, ActionReadUnits: ScopeAll, ActionConsolidate: ScopeAll,
		ActionManageMail: ScopeAll, // the office chases the units and must see a reminder that did not go
		ActionTwoFactor:  ScopeAll,
	},
	RoleLeader: {
		ActionReadRounds: ScopeAll, ActionReadReport: ScopeAll, ActionReadUnits: ScopeAll,
		ActionApproveDoc: ScopeAll, ActionTwoFactor: ScopeAll,
	},
	RoleReader: {
		ActionReadRounds: ScopeAll, ActionReadReport: ScopeAll, ActionReadUnits: ScopeAll,
	},
	RoleUnitHead: {
		ActionReadRounds: ScopeUnitTree, ActionReadReport: ScopeUnitTree, ActionEditReport: ScopeOwnUnit,
		ActionApproveReport: ScopeOwnUnit, ActionReadUnits: ScopeAll,
	},
	RoleReporter: {
		ActionReadRounds: ScopeUnitTree, ActionReadReport: ScopeUnitTree, ActionEditReport: ScopeOwnUnit,
		ActionReadUnits: ScopeAll,
	},
}

// ReadsSentOnly reports whether u reads a unit's report only once the unit
// has sent it to the office: a reader (Huyện ủy, HĐND) reads what was
// reported, not a unit's working draft (PRODUCT.md).
func ReadsSentOnly(u *User) bool { return u != nil && u.Role == RoleReader }

// SeesDraftRounds reports whether u sees rounds not yet published: the
// office prepares them and the leader approves their công văn before they
// go out; to everyone else, the readers who read every round included, a
// draft is not there until it is published.
func SeesDraftRounds(u *User) bool {
	return ScopeOf(u, ActionManageRounds) == ScopeAll || ScopeOf(u, ActionApproveDoc) == ScopeAll
}

// ScopeOf returns how far u may perform a. A nil or disabled user may do nothing.
func ScopeOf(u *User, a Action) Scope {
	if u == nil || u.Disabled {
		return ScopeNone
	}
	return permissions[u.Role][a]
}

// Allowed reports whether u may perform a on the data of unit unitID. Pass
// unitID 0 for actions not tied to one unit: then a unit-scoped permission is
// enough, and the store narrows what the user sees to their own unit (and,
// for ScopeUnitTree, the units under it).
func Allowed(u *User, a Action, unitID int64) bool {
	switch ScopeOf(u, a) {
	case ScopeAll:
		return true
	case ScopeOwnUnit:
		return unitID == 0 || (u.UnitID != 0 && u.UnitID == unitID)
	case ScopeUnitTree:
		return unitID == 0 || u.Reaches(unitID)
	}
	return false
}

// Reaches reports whether unitID is u's unit or a unit under it.
func (u *User) Reaches(unitID int64) bool {
	return u.UnitID != 0 && (u.UnitID == unitID || slices.Contains(u.Subunits, unitID))
}

// UnitTree is u's unit followed by the units under it; empty for a user
// without a unit.
func (u *User) UnitTree() []int64 {
	if u.UnitID == 0 {
		return nil
	}
	return append([]int64{u.UnitID}, u.Subunits...)
}
