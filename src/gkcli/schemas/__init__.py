"""pydantic records for every file kind of a data repo."""

from .catalog import CatalogDomain, CatalogItem, Published
from .plans import Plan, PlanFile, Task
from .progress import ProgressEntry, ProgressHeader, ProgressReport
from .units import Group, KindSelector, Unit, UnitsFile

__all__ = [
    "CatalogDomain", "CatalogItem", "Published", "Plan", "PlanFile", "Task",
    "ProgressEntry", "ProgressHeader", "ProgressReport", "Group", "KindSelector", "Unit", "UnitsFile",
]
