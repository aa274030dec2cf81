using System.Resources;

// French is the default language of the coaching texts: CoachTexts.resx is French, satellites add the others.
[assembly: NeutralResourcesLanguage("fr")]
