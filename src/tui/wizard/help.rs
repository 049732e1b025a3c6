//! Why each step matters, in a few lines: shown beside the form, and large in workshop mode.
//! Written from the seed articles' ideas, in Accord's own words.

use super::Step;

pub fn why(step: Step) -> &'static str {
    match step {
        Step::Team => {
            "An agreement belongs to the people who keep it. Name everyone it covers, how each of \
             them usually works, and from where: remote and on-site colleagues should shape it \
             together, and it should say so."
        }
        Step::Presence => {
            "Flexible weeks give each of us control over our time, but they do not make a team by \
             themselves. A few shared days, chosen together, are when the work that needs everyone \
             happens: planning, pairing, welcoming someone new, settling a disagreement face to face."
        }
        Step::Rituals => {
            "Belonging rarely breaks at once; it wears away as shared moments quietly stop. \
             Pick a handful you will really protect, give each one an owner, and make them work \
             equally for the room and for the people joining from elsewhere."
        }
        Step::Norms => {
            "Norms are the habits that keep everyone in the loop: how you answer, decide, meet \
             and welcome. Write each one so you can tell whether it held: \"How we will know\" \
             is what the check-in will ask."
        }
        Step::Pulse => {
            "The pulse asks the same few questions at every check-in, anonymously, so change \
             shows. Ask about behaviours people can observe, such as speaking up, being credited \
             or having the context, rather than how they feel in general, and tie each one to \
             the ritual or norm it should improve."
        }
        Step::Review => {
            "Read the whole agreement once more, as a newcomer would. Fix what `accord validate` \
             flags, and choose when you will look at it again: a review in four to six weeks, \
             with real numbers from a check-in, keeps it a living choice rather than a one-off."
        }
        Step::Consent => {
            "Consent is not unanimity: the question is \"can you live with this and try it?\". \
             Count agreement, concerns and objections for each item, only the numbers, never who \
             said what. An objection sends the item back for a change or to the parking lot."
        }
        Step::Save => {
            "Saving writes the agreement file. Every item with consent and no objection makes it \
             active; otherwise it stays a proposal, and the file says why. Nothing is lost: until \
             you save, the draft is kept in your data folder."
        }
    }
}
