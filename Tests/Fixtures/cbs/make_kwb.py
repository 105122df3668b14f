#!/usr/bin/env python3
"""Writes the Wijk- en Buurtkaart-style fixtures of the tests (run from this folder;
needs ogr2ogr). Layouts follow CBS's Toelichting Wijk- en Buurtkaart 2021 (upper-case
shapefile fields, WATER/H2O, -99999999) and 2023 (one GeoPackage, layers gemeenten,
wijken, buurten, lower-case fields, water JA/NEE/B, -99997 / -99995). Names, codes and
numbers are invented in those formats; the geometry is squares in RD New.

Layout (RD New metres), gemeente GM0363 west of x = 1000, GM0505 east of it:
  GM0363: wijk WK0363AA (buurten BU0363AA01, BU0363AA02), wijk WK0363AB (BU0363AB01),
          a water part of the gemeente and of WK0363AA, the fictive water buurt
          BU03639997 (wijk WK036399, water only).
  GM0505: wijk WK050501 (BU05050101, BU05050102), wijk WK050502 (BU05050201).
"""
import json, os, subprocess

def box(x0, y0, x1, y1):
    return {"type": "Polygon", "coordinates": [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]]}

Y0 = 400000
def B(x0, x1, y0=0, y1=1000):
    return box(100000 + x0, Y0 + y0, 100000 + x1, Y0 + y1)

# buurt: code, name, wijk, gemeente, water, geometry, inwoners, % 0-15, % minimum, % jeugdzorg
buurten = [
    ("BU0363AA01", "Kop Zeedijk", "WK0363AA", "GM0363", "NEE", B(0, 250), 1250, 9.0, 14.0, 11.0),
    ("BU0363AA02", "Oude Kerk e.o.", "WK0363AA", "GM0363", "NEE", B(250, 500), 905, 7.0, -99997, 9.5),
    ("BU0363AB01", "Nieuwmarkt", "WK0363AB", "GM0363", "NEE", B(500, 800), 2210, 12.0, 18.0, -99995),
    ("BU03639997", "Water IJ", "WK036399", "GM0363", "JA", B(800, 1000), 0, -99997, -99997, -99997),
    ("BU05050101", "Binnenstad", "WK050501", "GM0505", "NEE", B(1000, 1400), 3120, 14.0, 12.0, 13.0),
    ("BU05050102", "Bleijenhoek", "WK050501", "GM0505", "NEE", B(1400, 1700), 1890, 16.0, 20.0, 15.0),
    ("BU05050201", "Reeland", "WK050502", "GM0505", "NEE", B(1700, 2000), 2405, 18.0, 16.0, 12.5),
]
# wijk: code, name, gemeente, water, geometry, inwoners, % 0-15, % minimum, % jeugdzorg
wijken = [
    ("WK0363AA", "Burgwallen-Oude Zijde", "GM0363", "JA", B(0, 500, 1000, 1200), 0, -99997, -99997, -99997),
    ("WK0363AA", "Burgwallen-Oude Zijde", "GM0363", "NEE", B(0, 500), 2155, 8.0, 13.0, 10.5),
    ("WK0363AB", "Nieuwmarkt/Lastage", "GM0363", "NEE", B(500, 800), 2210, 12.0, 18.0, -99995),
    ("WK036399", "Water", "GM0363", "JA", B(800, 1000), 0, -99997, -99997, -99997),
    ("WK050501", "Centrum", "GM0505", "NEE", B(1000, 1700), 5010, 15.0, 15.0, 14.0),
    ("WK050502", "Noordflank", "GM0505", "NEE", B(1700, 2000), 2405, 18.0, 16.0, 12.5),
]
# gemeente: the water part first, as a collapse to "the first feature" would draw it.
gemeenten = [
    ("GM0363", "Amsterdam", "JA", B(0, 1000, 1000, 1200), 0, -99997, -99997, -99997),
    ("GM0363", "Amsterdam", "NEE", B(0, 1000), 4365, 10.0, 15.0, 10.5),
    ("GM0505", "Dordrecht", "NEE", B(1000, 2000), 7415, 16.0, 15.5, 13.5),
]
KC = ["aantal_inwoners", "percentage_personen_0_tot_15_jaar",
      "percentage_huishoudens_onder_of_rond_sociaal_minimum", "percentage_jongeren_met_jeugdzorg_in_natura"]

def fc(name, features):
    return {"type": "FeatureCollection", "name": name,
            "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
            "features": features}

def feat(props, geom):
    return {"type": "Feature", "properties": props, "geometry": geom}

def write(path, layer, collection, fmt="GPKG", append=False):
    tmp = f"_{layer}.geojson"
    with open(tmp, "w") as f:
        json.dump(collection, f)
    args = ["ogr2ogr", "-f", fmt, "-nln", layer, "-nlt", "MULTIPOLYGON", "-a_srs", "EPSG:28992"]
    if append:
        args += ["-update"]
    subprocess.run(args + [path, tmp], check=True)
    os.remove(tmp)

def kc(values, names=KC):
    return dict(zip(names, values))

# 2023: lower-case fields, jrstatcode, jaar.
g23 = "wijkenbuurten_2023_v1.gpkg"
if os.path.exists(g23):
    os.remove(g23)
write(g23, "gemeenten", fc("gemeenten", [
    feat({"gemeentecode": c, "gemeentenaam": n, "water": w, "jrstatcode": "2023" + c, "jaar": 2023, **kc(v)}, g)
    for c, n, w, g, *v in gemeenten]))
write(g23, "wijken", fc("wijken", [
    feat({"wijkcode": c, "wijknaam": n, "gemeentecode": gm, "gemeentenaam": "Amsterdam" if gm == "GM0363" else "Dordrecht",
          "water": w, "jrstatcode": "2023" + c, "jaar": 2023, **kc(v)}, g)
    for c, n, gm, w, g, *v in wijken]), append=True)
write(g23, "buurten", fc("buurten", [
    feat({"buurtcode": c, "buurtnaam": n, "wijkcode": wk, "gemeentecode": gm,
          "gemeentenaam": "Amsterdam" if gm == "GM0363" else "Dordrecht", "water": w,
          "jrstatcode": "2023" + c, "jaar": 2023, **kc(v)}, g)
    for c, n, wk, gm, w, g, *v in buurten]), append=True)

# 2021: upper-case fields, WATER, -99999999; Amsterdam still numeric then (WK036301).
def old(code):
    return code.replace("AA", "01").replace("AB", "02")
def old_value(v):
    return -99999999 if v in (-99997, -99995) else int(round(v))
KC21 = ["AANT_INW", "P_00_14_JR", "P_SOCMINH", "P_JZ_N"]
g21 = "wijkenbuurten_2021_v1.gpkg"
if os.path.exists(g21):
    os.remove(g21)
write(g21, "gemeente_2021_v1", fc("gemeente_2021_v1", [
    feat({"GM_CODE": c, "GM_NAAM": n, "WATER": w, **kc([old_value(x) for x in v], KC21)}, g)
    for c, n, w, g, *v in gemeenten]))
write(g21, "wijk_2021_v1", fc("wijk_2021_v1", [
    feat({"WK_CODE": old(c), "WK_NAAM": n, "GM_CODE": gm, "WATER": w, **kc([old_value(x) for x in v], KC21)}, g)
    for c, n, gm, w, g, *v in wijken]), append=True)
write(g21, "buurt_2021_v1", fc("buurt_2021_v1", [
    feat({"BU_CODE": old(c), "BU_NAAM": n, "WK_CODE": old(wk), "GM_CODE": gm, "WATER": w,
          **kc([old_value(x) for x in v], KC21)}, g)
    for c, n, wk, gm, w, g, *v in buurten]), append=True)
# and as the shapefile with H2O (the field's name in earlier years).
write("wijk_2021_v1.shp", "wijk_2021_v1", fc("wijk_2021_v1", [
    feat({"WK_CODE": old(c), "WK_NAAM": n, "GM_CODE": gm, "H2O": w, **kc([old_value(x) for x in v], KC21)}, g)
    for c, n, gm, w, g, *v in wijken]), fmt="ESRI Shapefile")

# CBS PC-4 statistics: 2022 GeoPackage and the 2020 shapefile.
pc4 = [("1011", B(0, 500), 9870, 820), ("1012", B(500, 1000), 8120, -99997), ("3311", B(1000, 2000), 10125, 1540)]
write("cbs_pc4_2022_v1.gpkg", "cbs_pc4_2022_v1", fc("cbs_pc4_2022_v1", [
    feat({"postcode": p, "aantal_inwoners": a, "aantal_inwoners_0_tot_15_jaar": k}, g) for p, g, a, k in pc4]))
write("CBS_pc4_2020_v1.shp", "CBS_pc4_2020_v1", fc("CBS_pc4_2020_v1", [
    feat({"PC4": int(p), "INWONER": a, "INW_014": -99997 if k == -99997 else k - 15}, g) for p, g, a, k in pc4]),
    fmt="ESRI Shapefile")
