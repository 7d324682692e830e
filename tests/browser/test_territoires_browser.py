"""The Territoires page in a real browser with every non-localhost request blocked: the 5 departments and
the 24 Mission Locale territories are drawn, a click on a department opens its panel, nothing leaves the
machine. Fixtures (app server, chromium, request recorder) come from tests/browser/conftest.py."""
from __future__ import annotations

import shapely

from observatoire import db
from observatoire.vue import cartes
from tests.browser import navigateur

CARTE = "iframe[title='streamlit_folium.st_folium']"


def attendre_carte(page, nb_territoires: int):
    """Waits until the map's iframe is painted with the expected number of territory polygons."""
    page.wait_for_selector(CARTE, timeout=60_000)
    cadre = page.frame_locator(CARTE)
    polygones = cadre.locator("path.leaflet-interactive.territoire")
    page.wait_for_function(
        """([sel, n]) => { const f = document.querySelector(sel);
             if (!f || f.getBoundingClientRect().height < 100) return false;
             const d = f.contentDocument;
             return d && d.querySelectorAll('path.leaflet-interactive.territoire').length === n; }""",
        arg=[CARTE, nb_territoires], timeout=60_000)
    return cadre, polygones


def cliquer_territoire(page, niveau: str, code: str) -> None:
    """Clicks inside the territory's polygon, at a point where no seat marker covers it."""
    cadre = page.locator(CARTE)
    cadre.scroll_into_view_if_needed()
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    feature = next(f for f in cartes.contours(niveau)["features"] if f["properties"]["code"] == code)
    forme = shapely.geometry.shape(feature["geometry"])
    xmin, ymin, xmax, ymax = forme.bounds
    candidats = [shapely.point_on_surface(forme)] + [
        shapely.Point(xmin + (xmax - xmin) * i / 8, ymin + (ymax - ymin) * j / 8)
        for i in range(1, 8) for j in range(1, 8)]
    boite = cadre.bounding_box()
    for p in candidats:
        if not forme.contains(p):
            continue
        x, y = frame.evaluate("([lat, lon]) => { const q = window.map.latLngToContainerPoint([lat, lon]); "
                              "return [q.x, q.y]; }", [p.y, p.x])
        cible = frame.evaluate("([x, y]) => { const e = document.elementFromPoint(x, y); "
                               "return e ? (e.getAttribute('class') || '') : ''; }", [x, y])
        if f"territoire-{code}" in cible.split():
            page.mouse.click(boite["x"] + x, boite["y"] + y)
            return
    raise AssertionError(f"aucun point cliquable trouvé dans le territoire {code}")


def test_territoires_hors_ligne_departements_missions_locales_et_fiche(contexte, app_url, hors_ligne):
    page = navigateur.ouvrir(contexte, f"{app_url}/territoires", hors_ligne)
    page.get_by_role("heading", name="Territoires").first.wait_for(timeout=60_000)
    _, polygones = attendre_carte(page, 5)
    assert polygones.count() == 5
    assert navigateur.exceptions(page) == []

    cliquer_territoire(page, "departement", "61")
    page.get_by_role("heading", name="Orne (61)").wait_for(timeout=60_000)
    navigateur.attendre(page)
    principal = page.locator("[data-testid='stMain']").inner_text()
    assert "Normandie" in principal and "sur 5" in principal  # the region's value and the rank
    attendre_carte(page, 5)
    page.mouse.move(5, 5)  # away from the map: no hover tooltip in the picture, the selection outline shows
    page.set_viewport_size({"width": 1366, "height": 1500})  # the whole page in one picture
    navigateur.attendre(page)
    page.wait_for_timeout(500)
    chemin = navigateur.capture(page, "territoires")
    assert chemin.stat().st_size > 30_000

    page.set_viewport_size({"width": 1366, "height": 768})
    page.get_by_text("Missions Locales", exact=True).first.click()
    navigateur.attendre(page)
    cadre, polygones = attendre_carte(page, 24)
    assert polygones.count() == 24
    _siege_cliquable(page, cadre)
    assert navigateur.exceptions(page) == []
    assert hors_ligne.bloquees == [], hors_ligne.bloquees


def _siege_cliquable(page, cadre) -> None:
    """Every seat and antenna is a circle on the map; a click on a seat opens its contacts."""
    lieux = db.requete("carte_lieux_accueil")
    assert cadre.locator("path.leaflet-interactive:not(.territoire)").count() == len(lieux)
    siege = lieux[lieux["nature"] == "siège"].iloc[0]
    page.locator(CARTE).scroll_into_view_if_needed()
    frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    x, y = frame.evaluate("([lat, lon]) => { const q = window.map.latLngToContainerPoint([lat, lon]); "
                          "return [q.x, q.y]; }", [float(siege["lat"]), float(siege["lon"])])
    boite = page.locator(CARTE).bounding_box()
    page.mouse.click(boite["x"] + x, boite["y"] + y)
    bulle = cadre.locator(".leaflet-popup-content")
    bulle.wait_for(timeout=10_000)
    texte = bulle.inner_text()
    assert siege["nom"] in texte and f"Siège : {siege['ville']}" in texte and siege["telephone"] in texte
    assert cadre.locator(f".leaflet-popup-content a[href='mailto:{siege['email']}']").count() == 1
