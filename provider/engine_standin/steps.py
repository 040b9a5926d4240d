"""Step generation decisions that need no RPC (pkg/resource/deploy/step_generator.go unless
noted): URNs and aliases, which Check a resource gets, how a Diff answer becomes a same, update
or replace, and the engine's words for what it refuses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Optional, Union

from .records import Alias
from .values import contains_unknowns, unwrap_secrets

ROOT_STACK_TYPE = "pulumi:pulumi:Stack"

# display.StepOp values (pkg/resource/deploy/step.go)
OP_SAME = "same"
OP_CREATE = "create"
OP_UPDATE = "update"
OP_DELETE = "delete"
OP_REPLACE = "replace"
OP_CREATE_REPLACEMENT = "create-replacement"
OP_DELETE_REPLACED = "delete-replaced"
OP_READ = "read"
OP_READ_REPLACEMENT = "read-replacement"
OP_REFRESH = "refresh"
OP_IMPORT = "import"
OP_REMOVE_PENDING_REPLACE = "remove-pending-replace"


# --------------------------------------------------------------------------------------------
# URNs


def qualified_type(urn: str) -> str:
    """The `$`-joined type chain of a URN (resource.URN.QualifiedType)."""
    return urn.split("::")[2]


def urn_name(urn: str) -> str:
    return urn.split("::", 3)[3]


def make_urn(stack: str, project: str, parent: str, type_token: str, name: str) -> str:
    """deployment.go generateURN: the parent's qualified type prefixes the type, except for no
    parent or the root stack (resource.NewURN)."""
    prefix = ""
    if parent and qualified_type(parent) != ROOT_STACK_TYPE:
        prefix = qualified_type(parent) + "$"
    return f"urn:pulumi:{stack}::{project}::{prefix}{type_token}::{name}"


def collapse_alias(
    alias: Union[Alias, str],
    name: str,
    type_token: str,
    parent: str,
    parent_aliases: Mapping[str, str],
    project: str,
    stack: str,
) -> str:
    """collapseAliasToUrn: fill an alias spec's unset fields from the resource; a parent that
    was itself aliased contributes its old URN. `alias.parent` must already be a URN here."""
    if isinstance(alias, str):
        return alias
    if alias.urn:
        return alias.urn
    alias_parent = alias.parent or parent
    if alias.parent:
        alias_parent = parent_aliases.get(alias_parent, alias_parent)
    if alias.no_parent or (alias_parent and qualified_type(alias_parent) == ROOT_STACK_TYPE):
        alias_parent = ""
    return make_urn(
        alias.stack or stack, alias.project or project, alias_parent, alias.type or type_token, alias.name or name
    )


def inherited_child_alias(child_type: str, child_name: str, parent_name: str, parent_alias: str, project: str, stack: str) -> str:
    """inheritedChildAlias: a child of an aliased parent is also known under the parent's old
    URN, with the parent's name prefix swapped when the child's name starts with it."""
    alias_name = child_name
    if child_name.startswith(parent_name):
        alias_name = urn_name(parent_alias) + child_name[len(parent_name) :]
    return f"urn:pulumi:{stack}::{project}::{qualified_type(parent_alias)}${child_type}::{alias_name}"


def generate_aliases(
    aliases: Sequence[Union[Alias, str]],
    name: str,
    type_token: str,
    parent: str,
    parent_aliases: Mapping[str, str],
    project: str,
    stack: str,
) -> list[str]:
    """generateAliases: the resource's own aliases, then those its parent's alias implies."""
    found: list[str] = []

    def add(urn: str) -> None:
        if urn not in found:
            found.append(urn)

    collapsed = [collapse_alias(alias, name, type_token, parent, parent_aliases, project, stack) for alias in aliases]
    for alias_urn in collapsed:
        add(alias_urn)
    if parent and parent in parent_aliases:
        parent_alias, parent_name = parent_aliases[parent], urn_name(parent)
        add(inherited_child_alias(type_token, name, parent_name, parent_alias, project, stack))
        for child_alias in collapsed:
            child_type = qualified_type(child_alias).rsplit("$", 1)[-1]
            add(inherited_child_alias(child_type, urn_name(child_alias), parent_name, parent_alias, project, stack))
    return found


# --------------------------------------------------------------------------------------------
# Decisions


def check_without_olds(*, old_exists: bool, recreating: bool, was_external: bool, targeted_replace: bool) -> bool:
    """continueStepsFromImport: Check gets no olds (and the program's inputs as they are, with
    no ignoreChanges applied) for a new, re-created, formerly external or targeted-replace
    resource."""
    return recreating or was_external or targeted_replace or not old_exists


def should_trigger_replace(new: Any, old: Any) -> bool:
    """shouldTriggerReplace: unknowns always trigger; a missing trigger on either side never
    does; otherwise a changed value does (secrets ignored)."""
    if contains_unknowns(new) or contains_unknowns(old):
        return True
    if new is None or old is None:
        return False
    return unwrap_secrets(new) != unwrap_secrets(old)


@dataclass(frozen=True)
class Decision:
    """What continueStepsFromDiff makes of a diff."""

    kind: str  # "same" | "update" | "replace"
    replaces: tuple[str, ...] = ()
    delete_before_replace: bool = False
    recheck: bool = False  # the second Check, without olds ("recompute the default values")


def decide(
    *,
    some: bool,
    replaces: tuple[str, ...],
    provider_dbr: bool,
    option_dbr: Optional[bool],
    triggered: bool,
    pending_replacement: bool,
    targeted_replace: bool,
) -> Decision:
    """continueStepsFromDiff: a changed resource is replaced when the diff has replace keys,
    its replacement trigger changed or it is pending replacement, else updated; a replacement
    is delete-before-replace when the provider asks, unless the deleteBeforeReplace option is
    set either way. Targeted replaces keep the inputs of their first Check (no second one)."""
    if not (some or pending_replacement):
        return Decision("same")
    if not (replaces or triggered or pending_replacement):
        return Decision("update")
    dbr = provider_dbr if option_dbr is None else option_dbr
    return Decision("replace", replaces, dbr, recheck=not targeted_replace)


# --------------------------------------------------------------------------------------------
# The engine's words


def protect_replace_message(urn: str) -> str:
    return (
        f'unable to replace resource "{urn}"\n'
        "as it is currently marked for protection. To unprotect the resource, remove the `protect` flag "
        "from the resource in your Pulumi program and run `pulumi up`"
    )


def protect_dependent_replace_message(dependent: str, urn: str) -> str:
    return (
        f'unable to replace resource "{dependent}" as part of replacing "{urn}" as it is currently marked '
        "for protection. To unprotect the resource, remove the `protect` flag from the resource in your "
        f"Pulumi program and run `pulumi up`, or use the command:\n`pulumi state unprotect '{dependent}'`"
    )


def protect_delete_message(urn: str) -> str:
    """step.go deleteProtectedError."""
    return (
        f'resource "{urn}" cannot be deleted\n'
        "because it is protected. To unprotect the resource, either remove the `protect` flag from the "
        "resource in your Pulumi program and run `pulumi up`, or use the command:\n"
        f"`pulumi state unprotect '{urn}'`"
    )


def imported_replace_message(replaces: Sequence[str], old_inputs: Mapping[str, Any], new_inputs: Mapping[str, Any]) -> str:
    lines = "\n".join(f"{k}: {unwrap_secrets(old_inputs.get(k))!r} => {unwrap_secrets(new_inputs.get(k))!r}" for k in replaces)
    return (
        "previously-imported resources that still specify an ID may not be replaced; "
        "please remove the `import` declaration from your program;\n" + lines
    )


def untargeted_create_message(urn: str, dependency: str) -> str:
    """diag.GetResourceWillBeCreatedButWasNotSpecifiedInTargetList."""
    return f"Resource '{urn}' depends on '{dependency}' which was was not specified in --target list."


def untargeted_delete_message(urn: str) -> str:
    """diag.GetResourceWillBeDestroyedButWasNotSpecifiedInTargetList."""
    return f"Resource '{urn}' will be destroyed but was not specified in --target list.\nEither include resource in --target list or pass --target-dependents to proceed."
