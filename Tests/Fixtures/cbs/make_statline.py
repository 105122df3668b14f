"""Writes the StatLine fixtures (invented numbers; real 2023 gemeente codes and
names from ../shared/data/nl/gemeenten-2023.geojson; region codes and layouts as
StatLine publishes them) and prints the reference numbers the tests assert,
computed with scipy. Not run by the tests; the provenance of the files."""
import json, numpy as np
from scipy import stats

g = json.load(open('../../../../shared/data/nl/gemeenten-2023.geojson'))
gm = sorted((f['properties']['gemeenteCode'], f['properties']['gemeenteNaam']) for f in g['features'])
kinderen = {l.split(';')[0]: int(l.split(';')[2]) for l in open('kinderen-2022.csv').read().split('\n')[1:] if l}
kwb = [l.rstrip('\r').split(';') for l in open('kwb-2022-gemeenten.csv').read().split('\n')[1:] if l]
minimum = {r[0]: r[3] for r in kwb}
rng = np.random.default_rng(84847)

def pad(code): return code.ljust(6)
def r5(x): return int(5 * round(x / 5))
# Meldingen per gemeente in 2022 (rounded to 5, as Veilig Thuis publishes), two half years.
mel = {}
for code, _ in gm:
    m = float(minimum[code].replace(',', '.')) if minimum[code] != '-99997' else 12.0
    rate = (4 + 0.55 * m + rng.normal(0, 1.6)) / 1000      # meldingen per child
    total = max(0, rate * kinderen[code])
    h1 = r5(total * rng.uniform(0.4, 0.6)); h2 = r5(total - h1)
    mel[code] = (h1, h2, r5(h1 + h2))
adv = {code: (r5(a * 1.6), r5(b * 1.6), r5((a + b) * 1.6)) for code, (a, b, _) in mel.items()}
vt = [f'VT{i:02d}' for i in range(1, 27)]
pv = [f'PV{i}' for i in range(20, 32)]
ld = [f'LD0{i}' for i in range(1, 5)]

# 1. TypedDataSet CSV: ID;RegioS;Perioden;Adviezen_1;Meldingen_2 (keys padded), NL, LD, PV, GM, VT rows.
rows = []
def add(key, period, a, m): rows.append((pad(key), period, a, m))
for key in ['NL01'] + ld + pv:
    for p, idx in (('2022HJ01', 0), ('2022HJ02', 1), ('2022JJ00', 2)): add(key, p, 1000 + len(rows), 500 + len(rows))
for code, _ in gm:
    for p, idx in (('2022HJ01', 0), ('2022HJ02', 1), ('2022JJ00', 2)): add(code, p, adv[code][idx], mel[code][idx])
for key in vt:
    for p, idx in (('2022HJ01', 0), ('2022HJ02', 1), ('2022JJ00', 2)): add(key, p, 800 + len(rows), 400 + len(rows))
with open('84847NED-typeddataset.csv', 'w') as f:
    f.write('"ID";"RegioS";"Perioden";"Adviezen_1";"Meldingen_2"\n')
    for i, (k, p, a, m) in enumerate(rows): f.write(f'"{i}";"{k}";"{p}";"{a}";"{m}"\n')

# 2. The same as JSON, as the v3 API returns it (a few rows; null where secret).
sub = [r for r in rows if r[0].strip() in ('NL01', 'GM0014', 'GM0363', 'VT01')]
recs = [{"ID": i, "RegioS": k, "Perioden": p, "Adviezen_1": a, "Meldingen_2": (None if k.strip() == 'GM0014' and p == '2022HJ01' else m)} for i, (k, p, a, m) in enumerate(sub)]
json.dump({"odata.metadata": "https://opendata.cbs.nl/ODataApi/OData/84847NED/$metadata#Cbs.OData.WebAPI.TypedDataSet&$select=ID,RegioS,Perioden,Adviezen_1,Meldingen_2", "value": recs}, open('84847NED-typeddataset.json', 'w'), indent=1)

# 3. OData v4 long (Observations) as JSON: one row per figure.
obs = []
for k, p, a, m in sub:
    for measure, v in (('M004200', a), ('M004201', m)):
        attr = 'Confidential' if (k.strip() == 'GM0363' and p == '2022HJ02' and measure == 'M004201') else 'None'
        obs.append({"Id": len(obs), "Measure": measure, "ValueAttribute": attr, "Value": None if attr != 'None' else float(v), "RegioS": k.strip(), "Perioden": p})
json.dump({"@odata.context": "https://odata4.cbs.nl/CBS/84847NED/$metadata#Observations", "value": obs}, open('84847NED-observations.json', 'w'), indent=1)

# 4. Web download "CSV met statistische symbolen": titles, padding, markers, 2023* provisional.
def q(x): return '"' + str(x) + '"'
with open('84847NED-symbolen.csv', 'w', newline='') as f:
    f.write('"Regio\'s";"Perioden";"Adviezen (aantal)";"Meldingen (aantal)"\r\n')
    for code, name in [('GM0014', 'Groningen (gemeente)'), ('GM0034', 'Almere'), ('GM0363', 'Amsterdam'), ('GM0344', 'Utrecht (gemeente)')]:
        a, m = adv[code][2], mel[code][2]
        f.write(';'.join(map(q, [name, '2022', f'{a:>8}', f'{m:>8}'])) + '\r\n')
        f.write(';'.join(map(q, [name, '2023*', f'{a + 5:>8}', '       .' if code == 'GM0034' else f'{m + 5:>8}'])) + '\r\n')
    for name in ['Utrecht (VT)', 'Groningen (PV)', 'Nederland']:
        f.write(';'.join(map(q, [name, '2022', f'{1200:>8}', f'{700:>8}'])) + '\r\n')

# 5. Web download "volgens tabelindeling": title rows, header, unit row, half years, footer.
with open('84847NED-tabelindeling.csv', 'w', newline='') as f:
    f.write('"Veilig Thuis; kerncijfers, regio, halfjaar"\r\n"Gewijzigd op 1 november 2024."\r\n\r\n')
    f.write('"Regio\'s";"Perioden";"Adviezen";"Meldingen"\r\n')
    f.write('"";"";"aantal";"aantal"\r\n')
    for code, name in [('GM0014', 'Groningen (gemeente)'), ('GM0034', 'Almere'), ('GM0363', 'Amsterdam')]:
        f.write(';'.join(map(q, [name, '1e halfjaar 2022', f'{adv[code][0]:>6}', f'{mel[code][0]:>6}'])) + '\r\n')
        f.write(';'.join(map(q, [name, '2e halfjaar 2022', f'{adv[code][1]:>6}', f'{mel[code][1]:>6}'])) + '\r\n')
        f.write(';'.join(map(q, [name, '1e halfjaar 2023*', f'{adv[code][0]:>6}', f'{mel[code][0]:>6}'])) + '\r\n')
    f.write('"Bron: CBS"\r\n')

# 6. Population by sex and age (03759ned-style): Geslacht and Leeftijd dimensions.
with open('03759ned-typeddataset.csv', 'w') as f:
    f.write('"ID";"Geslacht";"Leeftijd";"RegioS";"Perioden";"BevolkingOp1Januari_1"\n')
    i = 0
    for code, _ in gm[:3]:
        for sex, share in (('T001038', 1.0), ('3000', 0.51), ('4000', 0.49)):
            for age, mult in (('10000', 5.0), ('70100', 1.0)):
                f.write(f'"{i}";"{sex:<7}";"{age}";"{pad(code)}";"2022JJ00";"{int(kinderen[code] * share * mult)}"\n'); i += 1

y = []; x = []
for code, _ in gm:
    if minimum[code] == '-99997': continue
    x.append(float(minimum[code].replace(',', '.'))); y.append(1000 * mel[code][2] / kinderen[code])
print('meldingen per 1000 vs minimum: n', len(x), stats.pearsonr(x, y))
print('GM0014', mel['GM0014'], adv['GM0014'], 'GM0363', mel['GM0363'], 'GM0034', mel['GM0034'], adv['GM0034'])
print('kinderen', {c: kinderen[c] for c, _ in gm[:3]})
print(gm[:3])
