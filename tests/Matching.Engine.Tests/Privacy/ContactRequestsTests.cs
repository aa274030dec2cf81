using Matching.Engine.Privacy;

namespace Matching.Engine.Tests.Privacy;

public sealed class ContactRequestsTests : IDisposable
{
    private readonly PrivacyStore _store = new();

    [Fact]
    public void A_seeker_accepts_a_request_made_to_them_and_the_recruiter_may_then_see_who_they_are()
    {
        var requests = _store.ContactRequests;
        var request = requests.Create("recruiter-1", "seeker-1", "cand-1", "offer-9", "Would you like to talk?");
        Assert.False(Consent.MayRevealIdentity(requests, "recruiter-1", "seeker-1"));

        var answered = requests.Answer("seeker-1", request.Id, accept: true);

        Assert.NotNull(answered);
        Assert.Equal(ContactRequestState.Accepted, answered.State);
        Assert.NotNull(answered.AnsweredAt);
        Assert.True(Consent.MayRevealIdentity(requests, "recruiter-1", "seeker-1"));
        Assert.False(Consent.MayRevealIdentity(requests, "recruiter-2", "seeker-1"));
    }

    [Fact]
    public void Another_seeker_cannot_answer_a_request_that_is_not_theirs()
    {
        var request = _store.ContactRequests.Create("recruiter-1", "seeker-1", "cand-1", null, "Hello");

        Assert.Null(_store.ContactRequests.Answer("seeker-2", request.Id, accept: true));
        Assert.Null(_store.ContactRequests.Answer("seeker-1", "no-such-request", accept: true));
        Assert.Equal(ContactRequestState.Pending, _store.ContactRequests.Get(request.Id)!.State);
    }

    [Fact]
    public void Declining_after_accepting_withdraws_the_consent()
    {
        var request = _store.ContactRequests.Create("recruiter-1", "seeker-1", "cand-1", null, "Hello");
        _store.ContactRequests.Answer("seeker-1", request.Id, accept: true);

        _store.ContactRequests.Answer("seeker-1", request.Id, accept: false);

        Assert.False(_store.ContactRequests.IsAccepted("recruiter-1", "seeker-1"));
    }

    [Fact]
    public void Asking_twice_for_the_same_offer_while_pending_gives_the_same_request()
    {
        var first = _store.ContactRequests.Create("recruiter-1", "seeker-1", "cand-1", "offer-1", "Hello");
        var again = _store.ContactRequests.Create("recruiter-1", "seeker-1", "cand-1", "offer-1", "Hello again");
        var otherOffer = _store.ContactRequests.Create("recruiter-1", "seeker-1", "cand-1", "offer-2", "Hello");

        Assert.Equal(first.Id, again.Id);
        Assert.NotEqual(first.Id, otherOffer.Id);
        Assert.Equal(2, _store.ContactRequests.ToSeeker("seeker-1").Count);
        Assert.Equal(2, _store.ContactRequests.ByRecruiter("recruiter-1").Count);
    }

    [Fact]
    public void An_empty_or_too_long_message_is_refused_naming_the_field()
    {
        Assert.Equal("message", Assert.ThrowsAny<ArgumentException>(() => _store.ContactRequests.Create("r", "s", "p", null, " ")).ParamName);
        Assert.Equal("message", Assert.ThrowsAny<ArgumentException>(() =>
            _store.ContactRequests.Create("r", "s", "p", null, new string('x', ContactRequests.MaxMessageLength + 1))).ParamName);
    }

    [Fact]
    public void Erasing_a_seeker_or_a_recruiter_removes_their_requests_only()
    {
        _store.ContactRequests.Create("recruiter-1", "seeker-1", "cand-1", null, "Hello");
        _store.ContactRequests.Create("recruiter-1", "seeker-2", "cand-2", null, "Hello");
        _store.ContactRequests.Create("recruiter-2", "seeker-2", "cand-3", null, "Hello");

        Assert.Equal(1, _store.ContactRequests.EraseSeeker("seeker-1"));
        Assert.Equal(1, _store.ContactRequests.EraseRecruiter("recruiter-1"));

        Assert.Empty(_store.ContactRequests.ToSeeker("seeker-1"));
        Assert.Empty(_store.ContactRequests.ByRecruiter("recruiter-1"));
        Assert.Single(_store.ContactRequests.ToSeeker("seeker-2"));
    }

    public void Dispose() => _store.Dispose();
}
