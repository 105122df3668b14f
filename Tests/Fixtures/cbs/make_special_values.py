"""Writes the special-values fixture (invented numbers; real 2023 gemeente codes and
names from ../shared/data/nl/gemeenten-2023.geojson) and prints the reference
numbers the tests assert, computed with scipy. Not run by the tests; kept as the
provenance of the files and of the expected values."""
import json, numpy as np
from scipy import stats

g = json.load(open('../../../../shared/data/nl/gemeenten-2023.geojson'))
gm = [(f['properties']['gemeenteCode'], f['properties']['gemeenteNaam']) for f in g['features']]
gm.sort()
rng = np.random.default_rng(15)
n = len(gm)
children = rng.integers(1500, 40000, n)
minimum = rng.uniform(3, 22, n).round(1)          # % huishoudens onder of rond sociaal minimum
jeugdzorg = rng.uniform(6, 16, n).round(1)        # % jongeren met jeugdzorg in natura
pct = 0.25 + 0.045 * minimum + rng.normal(0, 0.18, n)
reported = np.maximum(0, np.round(pct / 100 * children)).astype(int)
# CBS special values: -99997 in 24 gemeenten (7%), -99995 in 5, -99991 in 3 (other column).
secret = set(rng.choice(n, 24, replace=False))
later = set(rng.choice(n, 5, replace=False))
gone = set(rng.choice(sorted(set(range(n)) - later), 3, replace=False))
def cell(v): return f"{v:.1f}".replace('.', ',')
with open('kwb-2022-gemeenten.csv', 'w', newline='') as f:
    f.write('gemeentecode;gemeentenaam;jaar;percentage_huishoudens_onder_of_rond_sociaal_minimum;percentage_jongeren_met_jeugdzorg_in_natura\r\n')
    for i, (code, name) in enumerate(gm):
        m = '-99997' if i in secret else cell(minimum[i])
        j = '-99995' if i in later else '-99991' if i in gone else cell(jeugdzorg[i])
        f.write(f'{code};{name};2022;{m};{j}\r\n')
with open('meldingen-2022.csv', 'w') as f:
    f.write('gemeentecode;jaar;aantal\n')
    for i, (code, _) in enumerate(gm): f.write(f'{code};2022;{reported[i]}\n')
with open('kinderen-2022.csv', 'w') as f:
    f.write('gemeentecode;jaar;kinderen\n')
    for i, (code, _) in enumerate(gm): f.write(f'{code};2022;{children[i]}\n')

y = 100 * reported / children
ok = np.array([i not in secret for i in range(n)])
print('minimum: valid n', ok.sum(), 'pearson', stats.pearsonr(minimum[ok], y[ok]))
xs = np.array([-99997 if i in secret else minimum[i] for i in range(n)])
print('minimum with -99997 as numbers: n', n, 'pearson', stats.pearsonr(xs, y))
ok2 = np.array([i not in later and i not in gone for i in range(n)])
print('jeugdzorg: valid n', ok2.sum(), 'pearson', stats.pearsonr(jeugdzorg[ok2], y[ok2]))
print('minimum range of valid', minimum[ok].min(), minimum[ok].max())
