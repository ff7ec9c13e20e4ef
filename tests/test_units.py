"""The one resolver: names, aliases, full names, spelling variants, groups, ambiguity."""

from __future__ import annotations

from pathlib import Path

import pytest

from gkcli.errors import GkError
from gkcli import repo
from gkcli.schemas import Group, KindSelector, Unit
from gkcli.units import Resolver, county_in, name_key

ROOT = Path(__file__).resolve().parents[1]


def make() -> Resolver:
    units = [
        Unit(name="县人社局", full_name="某县人力资源和社会保障局", kind="department", aliases=["县人力资源社会保障局"]),
        Unit(name="县财政局", kind="department", groups=["先行单位"]),
        Unit(name="县司法局", kind="department", aliases=["县法制局"]),
        Unit(name="县审计局", kind="department", aliases=["县法制局"]),
        Unit(name="甲镇", kind="township", groups=["先行单位"]),
        Unit(name="乙街道", kind="street"),
        Unit(name="县税务局", kind="vertical"),
    ]
    groups = [
        Group(name="各乡镇人民政府、街道办事处", aliases=["各乡镇（街道）"], members=KindSelector(kind=["township", "street"])),
        Group(name="县政府工作部门", members=KindSelector(kind=["department"])),
        Group(name="财政与乡镇", members=["县财政局", "各乡镇（街道）"]),
        Group(name="环甲", members=["环乙", "县财政局"]),
        Group(name="环乙", members=["环甲"]),
        Group(name="空组", members=KindSelector(kind=["party"])),
    ]
    return Resolver(units, groups)


def test_name_alias_and_full_name_resolve_to_the_unit():
    r = make()
    for ref in ("县人社局", "县人力资源社会保障局", "某县人力资源和社会保障局", " 县人社局 "):
        res = r.resolve(ref)
        assert res.ok and res.name == "县人社局" and res.units == ("县人社局",) and not res.is_group


def test_full_width_and_half_width_brackets_are_one_name():
    r = make()
    assert name_key("各乡镇（街道）") == name_key("各乡镇(街道)")
    for ref in ("各乡镇（街道）", "各乡镇(街道)", "各乡镇 （街道）"):
        res = r.resolve(ref)
        assert res.ok and res.is_group and res.name == "各乡镇人民政府、街道办事处"
        assert res.units == ("甲镇", "乙街道")


def test_a_pointer_to_an_annex_after_a_name_is_not_part_of_it():
    # plans write 责任单位 as 基层政务公开事项标准目录领域涉及的县级部门（见附件2）: copied verbatim
    # (or imported), it names the same units as without the pointer
    r = make()
    for ref in ("各乡镇（街道）（见附件2）", "各乡镇(街道)(详见附件3)", "县政府工作部门（附件1）", "县政府工作部门（参见附件十二）"):
        res = r.resolve(ref)
        assert res.ok and res.is_group and res.name in ("各乡镇人民政府、街道办事处", "县政府工作部门"), ref
    assert r.resolve("县财政局（见附件2）").name == "县财政局"
    for ref in ("县财政局（附件）", "县财政局（见附表2）", "县财政局附件2", "（见附件2）", "县公安局（见附件2）"):
        assert r.resolve(ref).problem == "unknown", ref
    assert r.resolve("县财正局（见附件2）").candidates == r.resolve("县财正局").candidates == ("县财政局",)  # 是不是 as without it


def test_kind_selector_and_nested_groups():
    r = make()
    assert r.resolve("县政府工作部门").units == ("县人社局", "县财政局", "县司法局", "县审计局")
    assert r.resolve("财政与乡镇").units == ("县财政局", "甲镇", "乙街道")


def test_units_join_groups_named_in_their_groups_field():
    res = make().resolve("先行单位")
    assert res.ok and res.units == ("县财政局", "甲镇")


def test_expand_all_keeps_order_and_each_unit_once():
    units, refs = make().expand_all(["县财政局", "财政与乡镇", "县人社局"])
    assert units == ["县财政局", "甲镇", "乙街道", "县人社局"]
    assert [x.name for x in refs] == ["县财政局", "财政与乡镇", "县人社局"]


def test_unknown_name_suggests_the_nearest():
    res = make().resolve("县财正局")
    assert res.problem == "unknown" and res.candidates[0] == "县财政局"


def test_a_name_with_its_level_left_off_is_offered_the_unit():
    """财政局 for 县财政局 (people drop the 县): offered, as a slip is; 人力资源社会保障局 through an alias."""
    r = make()
    assert r.resolve("财政局").candidates == ("县财政局",)
    assert r.resolve("人力资源社会保障局").candidates == ("县人社局",)


def test_only_close_names_are_suggested():
    """县财正局: 县财政局, not every other 县…局 of the built-in county (县保密局, 县发改局)."""
    from pathlib import Path

    from gkcli import model, repo

    r = model.build(repo.load(Path(__file__).resolve().parents[1], cache=False)).resolver
    assert r.suggest("县财正局") == ["县财政局"]


def test_shared_alias_is_ambiguous_and_a_conflict():
    r = make()
    res = r.resolve("县法制局")
    assert res.problem == "ambiguous" and set(res.candidates) == {"县司法局", "县审计局"}
    assert [k for k, _ in r.conflicts()] == [name_key("县法制局")]


def test_cycle_and_empty_group():
    r = make()
    assert r.resolve("环甲").problem == "cycle"
    assert r.resolve("空组").problem == "empty"


def test_group_expansion_is_one_linear_walk():
    """A hostile units file: a chain of 3,000 nested groups (recursion overflowed the stack), groups
    that all name each other, and a lattice of layers each naming the whole next layer (both were
    expanded once per path: minutes of work). Each resolves, each group is entered once."""
    units = [Unit(name="县财政局", kind="department"), Unit(name="县审计局", kind="department")]
    chain = [Group(name=f"链{i}", members=[f"链{i + 1}"]) for i in range(3000)] + [Group(name="链3000", members=["县财政局"])]
    clique = [Group(name=f"团{i}", members=[f"团{j}" for j in range(14)] + (["县审计局"] if i == 13 else [])) for i in range(14)]
    lattice = [Group(name=f"层{d}_{k}", members=[f"层{d + 1}_{m}" for m in range(3)] if d < 19 else ["县财政局"])
               for d in range(20) for k in range(3)]
    r = Resolver(units, chain + clique + lattice)
    entered = 0
    members_of = r._members_of

    def counting(ent):
        nonlocal entered
        entered += 1
        return members_of(ent)

    r._members_of = counting
    assert r.resolve("链0").units == ("县财政局",) and r.resolve("链0").problem is None
    assert r.resolve("团0").units == ("县审计局",) and r.resolve("团0").problem == "cycle"
    assert r.resolve("层0_0").units == ("县财政局",) and r.resolve("层0_0").problem is None
    assert entered <= 3001 + 14 + 60
    # then every group of them, as lint resolves each member it meets (t4, session 10: a chain of 16,000
    # groups in a 600 KB units file kept lint busy past two minutes, each link walking the rest again)
    for g in chain + clique + lattice:
        assert r.resolve(g.name).problem in (None, "cycle")
    assert r.resolve("链1500").units == ("县财政局",) and r.resolve("团7").units == ("县审计局",)
    assert entered <= 2 * (3001 + 14 + 60)


def test_a_group_inside_a_cycle_keeps_its_units_when_resolved_after_the_cycle():
    """Expansions are kept as they are finished; one on a cycle through a group above it lacks that group's
    units, and is not kept: resolved on its own later, it has them all."""
    units = [Unit(name=f"单位{i}", kind="department") for i in range(3)]
    groups = [Group(name="甲", members=["乙", "单位0"]), Group(name="乙", members=["丙", "单位1"]),
              Group(name="丙", members=["甲", "单位2"])]
    r = Resolver(units, groups)
    assert set(r.resolve("甲").units) == {"单位0", "单位1", "单位2"}
    assert set(r.resolve("乙").units) == set(r.resolve("丙").units) == {"单位0", "单位1", "单位2"}
    assert {r.resolve(n).problem for n in "甲乙丙"} == {"cycle"}


def test_builtin_data_resolves_every_reference():
    rp = repo.load(ROOT)
    r = Resolver(rp.units, rp.groups)
    assert r.conflicts() == []
    for pd in rp.plans:
        for t in pd.tasks:
            for ref in (t.units or pd.plan.units or []):
                assert r.resolve(ref).ok, (t.id, ref)
    for d in rp.catalog:
        for ref in d.county_units + d.township_units:
            assert r.resolve(ref).ok, (d.name, ref)
    # aliases the documents use
    assert r.canonical("县人力资源社会保障局") == r.canonical("县人力资源和社会保障局") == r.canonical("县人社局")
    assert r.canonical("县市场监督管理局") == r.canonical("县市场监管局")


def test_require_explains_why_a_user_named_unit_is_refused():
    import pytest

    from gkcli.errors import GkError

    r = make()
    assert r.require("县人力资源社会保障局").units == ("县人社局",)
    assert r.require_all(["县财政局", "各乡镇(街道)"]) == {"县财政局", "甲镇", "乙街道"}
    for ref, words in (("县财正局", "县财政局"), ("县法制局", "有歧义"), ("空组", "没有任何具体单位")):
        with pytest.raises(GkError) as e:
            r.require(ref)
        assert words in e.value.message + e.value.hint


def test_a_full_name_without_the_county_resolves_when_it_is_no_one_elses():
    """County documents drop the county: 县发展和改革局 for 青山县发展和改革局."""
    units = [
        Unit(name="县发改局", full_name="青山县发展和改革局", kind="department"),
        Unit(name="县委宣传部", full_name="中共青山县委宣传部", kind="party"),
        Unit(name="县政府办", full_name="青山县人民政府办公室", kind="department", aliases=["县人民政府办公室"]),
        Unit(name="甲", full_name="青山县档案馆", kind="institution"),
        Unit(name="乙", full_name="青山县档案馆", kind="institution"),  # two units: the short form is no one's
    ]
    r = Resolver(units, [], county="青山县")
    assert r.resolve("县发展和改革局").name == "县发改局" and r.resolve("县人民政府办公室").name == "县政府办"
    assert r.resolve("县委宣传部").name == "县委宣传部"  # a name stays its own
    assert r.resolve("县档案馆").problem == "unknown"
    assert r.resolve("发展和改革局").problem == "unknown"  # only the county is dropped, nothing more
    assert not any("县发展和改革局" in k for k, _ in r.conflicts())
    assert Resolver(units[:1], []).resolve("县发展和改革局").name == "县发改局"  # no county in gk.toml: read off the name
    market = [Unit(name="县市场监管局", full_name="县市场监督管理局", kind="department")]
    assert Resolver(market, []).resolve("市场监督管理局").problem == "unknown"  # 县市 is no county's name
    district = [Unit(name="区发改局", full_name="市中区发展和改革局", kind="department"),
                Unit(name="区委办", full_name="中共市中区区委办公室", kind="party")]
    r = Resolver(district, [])  # a district whose name holds 市: read off the name all the same
    assert r.resolve("区发展和改革局").name == "区发改局" and r.resolve("区委办公室").name == "区委办"
    others = [Unit(name="红旗区发改局", full_name="红旗区发展和改革局", kind="department"),
              Unit(name="红旗区委办", full_name="中共红旗区委办公室", kind="party"),
              Unit(name="威宁县发改局", full_name="威宁彝族回族苗族自治县发展和改革局", kind="department"),
              Unit(name="宣汉县财政局", full_name="达州市宣汉县财政局", kind="department"),
              Unit(name="疏附县财政局", full_name="喀什地区疏附县财政局", kind="department")]
    for unit, short in zip(others, ["区发展和改革局", "区委办公室", "县发展和改革局", "县财政局", "县财政局"]):
        assert Resolver([unit], []).resolve(short).name == unit.name, short


def test_an_autonomous_countys_short_name_resolves():
    """石柱县规划自然资源局 is what 石柱土家族自治县's own documents write for its 规划自然资源局."""
    units = [Unit(name="县规划自然资源局", full_name="石柱土家族自治县规划自然资源局", kind="department"),
             Unit(name="县委宣传部", full_name="中共石柱土家族自治县委宣传部", kind="party"),
             Unit(name="县财政局", full_name="积石山保安族东乡族撒拉族自治县财政局", kind="department")]
    for county in ("石柱土家族自治县", None):
        r = Resolver(units[:2], [], county=county)
        assert r.resolve("石柱县规划自然资源局").name == "县规划自然资源局", county
        assert r.resolve("中共石柱县委宣传部").name == r.resolve("石柱县委宣传部").name == "县委宣传部", county
    assert Resolver(units[2:], []).resolve("积石山县财政局").name == "县财政局"
    assert Resolver(units[:1], [], county="石柱土家族自治县").resolve("石县规划自然资源局").problem == "unknown"
    plain = [Unit(name="县财政局", full_name="宣汉县财政局", kind="department")]
    assert Resolver(plain, [], county="宣汉县").resolve("宣县财政局").problem == "unknown"  # no short form of a plain county


def test_a_one_character_slip_is_offered_the_name_it_slipped_from():
    """县司发局 (法 → 发, one character changed) is 县司法局 before 县发改局, which shares as many
    characters but two changed: ties of the ratio go to the fewer edits."""
    units = [Unit(name="县发改局", kind="department"), Unit(name="县司法局", kind="department")]
    assert Resolver(units, []).suggest("县司发局")[0] == "县司法局"


@pytest.mark.parametrize("text, county", [
    ("宣汉县人民政府办公室", "宣汉县"), ("青山县委宣传部", "青山县"), ("单县人民政府", "单县"),
    ("峨边彝族自治县人民政府", "峨边彝族自治县"), ("阿鲁科尔沁旗人民政府", "阿鲁科尔沁旗"),
    ("市中区人民政府", "市中区"), ("市中区区委宣传部", "市中区"), ("沙市区人民政府", "沙市区"), ("城区区委", "城区"),
    ("宣汉县县城管理局", "宣汉县"), ("达州市宣汉县", "宣汉县"), ("新乡市红旗区人民政府", "红旗区"), ("万源市人民政府", "万源市"),
    ("威宁彝族回族苗族自治县人民政府办公室", "威宁彝族回族苗族自治县"), ("积石山保安族东乡族撒拉族自治县人民政府", "积石山保安族东乡族撒拉族自治县"),
    ("莫力达瓦达斡尔族自治旗人民政府", "莫力达瓦达斡尔族自治旗"), ("达尔罕茂明安联合旗", "达尔罕茂明安联合旗"), ("红旗区委办公室", "红旗区"),
    ("市南区人民政府", "市南区"), (" 城区 区委办公室", "城区"), ("达州市市场监督管理局", "达州市"),
    ("县市场监督管理局", None), ("县发展和改革局", None), ("区人民政府", None), ("县城市管理局", None), ("县工业园区管委会", None),
    ("市财政局", None), ("", None),
    ("喀什地区疏附县人民政府办公室", "疏附县"), ("阿坝藏族羌族自治州汶川县", "汶川县"), ("凉山彝族自治州西昌市人民政府", "西昌市"),
    ("新疆维吾尔自治区乌鲁木齐市天山区", "天山区"), ("恩施州利川市人民政府", "利川市"), ("黔东南州凯里市", "凯里市"), ("通州区人民政府", "通州区"), ("四川省达州市宣汉县", "宣汉县"), ("锡林郭勒盟正蓝旗", "正蓝旗"),
])
def test_the_county_a_name_starts_with(text, county):
    """One reading of a county's name, for the resolver's full names and the reports' title."""
    assert county_in(text) == county


def test_a_many_units_phrase_is_offered_the_group_first():
    units = [Unit(name="青山镇", full_name="青山县青山镇人民政府", kind="township"), Unit(name="石桥镇", kind="township")]
    r = Resolver(units, [Group(name="各乡镇（街道）", members=KindSelector(kind=["township"]))])
    assert r.suggest("各乡镇人民政府")[0] == "各乡镇（街道）"  # not one township of them


@pytest.mark.parametrize("hidden", ["\u200b", "\u2060", "\u00ad", "\u200e", "\u202e", "\ufe00", "\u034f", "\u3164", "\U000e0001",
                                    "\u2800", "\ufffb", "\U0001d173", "\U0001bca0", "\U00013430", "\u2062", "\u180e"])
def test_a_name_with_an_invisible_mark_is_the_same_name(hidden):
    """A look-alike unit (县财政局 + U+200B) is no second unit: its name conflicts (GK204), and a
    task written with the mark is 县财政局's."""
    units = [Unit(name="县财政局", kind="department"), Unit(name="县财" + hidden + "政局", kind="department")]
    r = Resolver(units, [])
    assert [k for k, _ in r.conflicts()] == ["县财政局"]
    assert Resolver(units[:1], []).resolve("县财政局" + hidden).name == "县财政局"


def test_every_format_character_is_no_part_of_a_name():
    """Unicode's whole Cf category, not a list of the usual suspects."""
    import unicodedata

    hidden = [chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cf"]
    assert [repr(h) for h in hidden if name_key("县" + h + "局") != "县局"] == []


def test_a_phrase_for_many_units_is_offered_only_groups():
    """街道办事处 (split off 各乡镇人民政府、街道办事处) is no near 乙街道: taking that hint would give
    a county-wide task to one street office."""
    r = make()
    assert "乙街道" not in r.suggest("街道办事处")
    assert r.suggest("街道") == ["各乡镇人民政府、街道办事处"]
    assert r.suggest("各乡镇人民政府") and r.suggest("各乡镇人民政府")[0] == "各乡镇人民政府、街道办事处"
    assert r.suggest("县财正局")[0] == "县财政局"  # one unit's name still gets the near unit


def test_group_members_and_units_groups_are_read_as_task_references_are():
    """One resolver: a group member written as a full name without the county is that unit,
    and a unit's `groups:` entry that is such a spelling is no new group (GK207 says so)."""
    units = [Unit(name="县发改局", full_name="青山县发展和改革局", kind="department"),
             Unit(name="县财政局", kind="department", groups=["县发展和改革局"])]
    r = Resolver(units, [Group(name="经济部门", members=["县发展和改革局", "县财政局"])], county="青山县")
    assert r.resolve("经济部门").units == ("县发改局", "县财政局")
    assert r.resolve("县发展和改革局").units == ("县发改局",)  # not a group of 县财政局


def test_a_blank_alias_names_nothing():
    """aliases: [" "] must not make every blank reference that unit's."""
    r = Resolver([Unit(name="县民政局", kind="department", aliases=[" ", "\u3000"])], [])
    assert r.resolve("").problem == r.resolve(" ").problem == "unknown"
    assert r.conflicts() == []


def test_an_ambiguous_name_shared_by_a_unit_and_a_group_says_which_is_which():
    r = Resolver([Unit(name="先行单位", kind="department")], [Group(name="先行单位", members=["先行单位"])])
    res = r.resolve("先行单位")
    assert res.problem == "ambiguous" and res.candidates == ("先行单位（单位）", "先行单位（分组）")
    with pytest.raises(GkError) as e:
        r.require("先行单位")
    assert "GK204" in e.value.hint and "写出单位在 data/units/ 中的名称" not in e.value.hint


def test_an_autonomous_banners_short_name_and_no_suggestion_from_a_blank_alias():
    r = Resolver([Unit(name="旗教育局", full_name="莫力达瓦达斡尔族自治旗教育局", kind="department")], [])
    assert r.resolve("莫力达瓦旗教育局").name == "旗教育局"
    assert Resolver([Unit(name="县财政局", kind="department", aliases=[" "])], []).suggest("") == []


def test_a_units_groups_entry_shared_by_two_units_is_ambiguous_not_an_undefined_group(make_repo):
    """GK203 says the ambiguity; GK207 does not add 分组没有定义 at the same place."""
    from gkcli.lint import engine

    root = make_repo({"data/units/u.yaml": "units:\n  - {name: 县财政局, kind: department, aliases: [财政]}\n"
                                          "  - {name: 县审计局, kind: department, aliases: [财政]}\n"
                                          "  - {name: 县民政局, kind: department, groups: [财政]}\n"})
    codes = {f.code for f in engine.lint(repo.load(root, cache=False)) if f.path == "data/units/u.yaml" and f.line == 4}
    assert "GK203" in codes and "GK207" not in codes, codes


def test_two_well_formed_units_are_no_slip_of_each_other():
    """Did-you-mean names a unit only when the difference may be a slip: 县民政局 is not a misspelt 县财政局, nor
    县教育局 a 县统计局; 县财正局 is; 县人社局 is 县人力资源和社会保障局 written short. One rule for lint and import."""
    names = ["县财政局", "县统计局", "县发改局", "县审计局", "县政府办", "县司法局", "县人力资源和社会保障局"]
    r = Resolver([Unit(name=n, kind="department") for n in names], [], "平昌县")
    for ref in ("县民政局", "县教育局", "县行政审批局", "县委编办"):
        assert r.suggest(ref) == [], ref
    assert r.suggest("县财正局") == ["县财政局"] and r.suggest("县司发局")[0] == "县司法局"
    assert r.suggest("县人社局") == ["县人力资源和社会保障局"] and r.suggest("平昌县发展和改革局") == ["县发改局"]


def test_a_slip_of_a_short_name_is_offered_the_unit_it_slipped_from():
    """县人设局 is 县人社局 mistyped: compared with the short name typed, not only with the standard full
    name it stands for (县人力资源和社会保障局 shares too little with 县人设局 to tell). Two standard bodies
    are still no slip of each other."""
    names = ["县人社局", "县发改局", "县住建局", "县医保局", "县政府办", "县政协办", "县财政局"]
    r = Resolver([Unit(name=n, kind="department") for n in names], [], "平昌县")
    for ref, want in [("县人设局", "县人社局"), ("县发该局", "县发改局"), ("县住健局", "县住建局"), ("县医报局", "县医保局"),
                      ("县人社居", "县人社局"), ("县人社", "县人社局"), ("县政付办", "县政府办")]:
        assert r.suggest(ref)[:1] == [want], ref
    assert r.suggest("县民政局") == []


def test_a_bracket_that_tells_the_unit_is_never_dropped_to_reach_another():
    """县公安局（交警大队） is not 县公安局 (decisions.md): a bracket naming a unit, a part of a body or anything
    but a role mark or the same body's other name keeps the name from being read, or fixed, as the name
    before it; the units it may mean are offered instead, the one it runs into first."""
    names = ["县公安局", "县公安局交警大队", "县农业农村局", "县乡村振兴局", "县委宣传部", "县融媒体中心", "县人力资源和社会保障局",
             "县财政局"]
    r = Resolver([Unit(name=n, kind="department") for n in names], [], "石泉县")
    for ref, first in [("县公安局（交警大队）", "县公安局交警大队"), ("县农业农村局（县乡村振兴局）", "县乡村振兴局"),
                       ("县委宣传部（县融媒体中心）", "县融媒体中心"), ("县公安局(治安大队)", "县公安局"),
                       ("县财政局（县国资委、县金融监管局）", "县财政局")]:
        assert r.spelled_otherwise(ref) is None, ref
        assert r.suggest(ref)[0] == first, ref
    assert r.suggest("县公安局（交警大队）") == ["县公安局交警大队", "县公安局"]
    # a role mark, or the same body's other name, is no part of which unit is meant
    assert r.spelled_otherwise("县财政局（牵头）") == "县财政局"
    assert r.spelled_otherwise("县人社局（县人力资源和社会保障局）") == "县人力资源和社会保障局"
    # a bracket that names the same unit (an alias: 乡村振兴 merged into 农业农村) is its other name
    merged = Resolver([Unit(name="县农业农村局", kind="department", aliases=["县乡村振兴局"])], [], "石泉县")
    assert merged.spelled_otherwise("县农业农村局（县乡村振兴局）") == merged.spelled_otherwise("县农业农村局（县乡振局）") == "县农业农村局"


def test_a_merged_or_neighbouring_body_is_offered_never_written_for_the_unit():
    """县教体局 is 教育 and 体育 (宣汉's 体育 is under another unit), 县科技和经济信息化局 half 县科学技术局 and half
    县经信局, 县机关事务管理局 another unit than 县机关事务服务中心 (decisions.md): no spelling of one unit, so neither
    read as it nor fixed to it; each is offered. 县科技局 is still 县科学技术局 written short."""
    names = ["县教育局", "县文化体育和旅游局", "县科学技术局", "县经信局", "县机关事务服务中心"]
    r = Resolver([Unit(name=n, kind="department") for n in names], [], "宣汉县")
    for ref, want in [("县教体局", ["县教育局"]), ("县教育体育局", ["县教育局"]), ("县科技和经济信息化局", ["县科学技术局", "县经信局"]),
                      ("县机关事务管理局", ["县机关事务服务中心"]), ("县机关事务局", ["县机关事务服务中心"])]:
        assert r.spelled_otherwise(ref) is None, ref
        assert r.suggest(ref) == want, ref
    assert r.spelled_otherwise("县科技局") == "县科学技术局" and r.spelled_otherwise("宣汉县教育局") == "县教育局"
    r = Resolver([Unit(name=n, kind="department") for n in ("县商务局", "县行政审批局", "县数据局")], [], "宣汉县")
    assert [r.spelled_otherwise(n) for n in ("县商经局", "县行政审批和数据局", "县审批局")] == [None, None, "县行政审批局"]
    assert r.suggest("县商经局") == ["县商务局"] and r.suggest("县行政审批和数据局")[0] == "县行政审批局"


@pytest.mark.parametrize("old, new", [("县安监局", "县应急管理局"), ("县国土局", "县自然资源局"), ("县卫计局", "县卫生健康局"),
                                      ("县食药监局", "县市场监管局"), ("县扶贫办", "县乡村振兴局"), ("县工信局", "县经信局")])
def test_a_body_the_reform_renamed_is_offered_what_it_became(old, new):
    """Tables written before the 2018–2019 机构改革 name 安监局, 国土局, 卫计局…: no unit of the county, and not
    read as the new one (a county may keep both), but the new one is the did-you-mean (it was 县公安局 for 县安监局)."""
    from gkcli.model import build
    from gkcli.repo import load

    r = build(load(ROOT, cache=False)).resolver
    assert r.resolve(old).problem == "unknown" and r.spelled_otherwise(old) is None
    assert r.suggest(old)[:1] == [new]


def test_a_name_of_a_kind_of_units_is_matched_with_groups_only():
    """t1 (session 10): 县政府工作部门 with the group deleted got “是不是“县金融办”？” (a unit, through its full
    name 宣汉县人民政府金融工作办公室); a name ending 部门/单位/机关 names a group, so only groups are suggested."""
    units = [Unit(name="县金融办", full_name="某县人民政府金融工作办公室", kind="office"), Unit(name="县财政局", kind="department")]
    r = Resolver(units, [Group(name="先行单位", members=["县财政局"])])
    assert "县金融办" not in r.suggest("县政府工作部门")
    assert r.suggest("先型单位") == ["先行单位"]
    # with no group near it, a unit whose name ends so is still found (t6: 县人大常委机关 lost its suggestion)
    r = Resolver([*units, Unit(name="县人大常委会机关", kind="party")], [Group(name="先行单位", members=["县财政局"])])
    assert r.suggest("县人大常委机关") == ["县人大常委会机关"]


def test_a_name_in_traditional_characters_is_the_simplified_units_other_spelling():
    """t1 (session 10): 县財政局 got 是不是“县民政局”？ and 縣司法局 no suggestion; they are 县财政局 and 县司法局
    typed in traditional characters: the same unit written otherwise (GK202's --fix, progress add --unit)."""
    units = [Unit(name="县财政局", kind="department"), Unit(name="县民政局", kind="department"),
             Unit(name="县司法局", kind="department")]
    r = Resolver(units, [])
    assert r.resolve("縣財政局").problem == "unknown"  # still said (lint), not silently taken
    assert r.spelled_otherwise("縣財政局") == "县财政局" and r.spelled_otherwise("县財政局") == "县财政局"
    assert r.spelled_otherwise("縣司法局") == "县司法局"
    assert r.suggest("县財政局")[0] == "县财政局"
