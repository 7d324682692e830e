"""Class breaks and legend of the choropleth maps (observatoire/vue/cartes.py)."""
from observatoire import formats
from observatoire.vue import cartes


def test_la_legende_ne_met_jamais_une_valeur_dans_deux_classes():
    # Jenks puts 14,2 alone in the first class; printing the bounds gave "14,2" then "14,2 – 15,5".
    valeurs = [14.2, 15.1, 15.5, 16.3, 14.9]
    classes = cartes.classer(valeurs, "Seuils naturels (Jenks)", 3)
    textes = [(formats.nombre(b, 1), formats.nombre(h, 1)) for b, h, _ in classes.intervalles()]
    assert textes == [("14,2", "14,2"), ("14,9", "15,5"), ("16,3", "16,3")]
    # Each value's colour is the colour of the class whose printed range holds it.
    for v in valeurs:
        (c,) = [c for b, h, c in classes.intervalles() if b <= v <= h]
        assert classes.couleur(v) == c


def test_quantiles_par_effectifs_egaux():
    classes = cartes.classer(range(1, 11), "Quantiles (effectifs égaux)", 4)
    assert [(b, h) for b, h, _ in classes.intervalles()] == [(1, 3), (4, 5), (6, 7), (8, 10)]
    assert len(set(classes.couleurs)) == 4
